package org.ec2workbench.ui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.ec2workbench.backoff.BackoffPolicy;
import org.ec2workbench.capture.AttemptStore;
import org.ec2workbench.capture.ErrorCategory;
import org.ec2workbench.ui.connection.SandboxState;
import org.ec2workbench.ui.experiment.ExperimentAction;
import org.ec2workbench.ui.experiment.RetryChoice;
import org.ec2workbench.ui.prefs.InMemoryPreferencesStore;
import org.ec2workbench.ui.shell.Page;

/**
 * Takes the README screenshots from the real app: starts the workbench with its embedded sandbox, runs
 * two real experiments (a burst with the SDK's standard retries, then the engine's full jitter) and saves
 * a PNG of every page. Run under Xvfb: {@code xvfb-run -a java -cp ... org.ec2workbench.ui.ScreenshotTour DIR}.
 */
public final class ScreenshotTour {

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Workbench[] wb = new Workbench[1];
        Stage[] stage = new Stage[1];
        fx(() -> {
            wb[0] = new Workbench(new InMemoryPreferencesStore());
            stage[0] = new Stage();
            wb[0].show(stage[0]);
            stage[0].setWidth(1400);
            stage[0].setHeight(900);
            wb[0].startServices();
        });
        Workbench w = wb[0];
        await(() -> w.connection().sandboxStateProperty().get() == SandboxState.RUNNING, 60);

        fx(() -> {
            w.shellModel().show(Page.EXPERIMENT);
            var e = w.experimentModel();
            e.actionProperty().set(ExperimentAction.DESCRIBE_INSTANCES_UNFILTERED);
            e.concurrencyProperty().set(12);
            e.countProperty().set(150);
            e.rateProperty().set(0);
            e.retryProperty().set(RetryChoice.all().get(0));
            e.run();
        });
        await(() -> !w.experimentModel().runningProperty().get(), 120);
        Thread.sleep(1500);
        fx(() -> {
            var e = w.experimentModel();
            e.retryProperty().set(RetryChoice.all().stream().filter(r -> r.policy() != null
                    && r.policy().kind() == BackoffPolicy.Kind.FULL_JITTER).findFirst().orElseThrow());
            e.actionProperty().set(ExperimentAction.DESCRIBE_INSTANCES_FILTERED);
            e.rateProperty().set(40);
            e.countProperty().set(150);
            e.run();
        });
        Thread.sleep(2500);
        shot(w, stage[0], out.resolve("experiment.png"));
        await(() -> !w.experimentModel().runningProperty().get(), 120);

        fx(() -> {
            w.shellModel().show(Page.TIMELINE);
            w.timelineModel().fitAll();
            AttemptStore.Snapshot s = w.timelineModel().snapshot();
            for (int i = s.size() - 1; i >= 0; i--) {
                if (s.category(i) == ErrorCategory.THROTTLING && s.attemptNumber(i) > 1) {
                    w.timelineModel().select(i);
                    break;
                }
            }
        });
        Thread.sleep(800);
        shot(w, stage[0], out.resolve("timeline.png"));
        fx(() -> w.shellModel().setDarkTheme(true));
        Thread.sleep(800);
        shot(w, stage[0], out.resolve("timeline-dark.png"));
        fx(() -> w.shellModel().setDarkTheme(false));
        for (Page page : new Page[] {Page.BACKOFF, Page.CONNECTION, Page.EVENTS, Page.LESSONS}) {
            fx(() -> w.shellModel().show(page));
            if (page == Page.BACKOFF) {
                Thread.sleep(500);
                fx(() -> w.backoffModel().refreshObserved());
            }
            Thread.sleep(1000);
            shot(w, stage[0], out.resolve(page.name().toLowerCase() + ".png"));
        }
        fx(() -> {
            w.close(stage[0]);
            stage[0].close();
        });
        Platform.exit();
        System.exit(0);
    }

    private static void shot(Workbench w, Stage stage, Path file) throws Exception {
        BufferedImage[] image = new BufferedImage[1];
        fx(() -> image[0] = SwingFXUtils.fromFXImage(stage.getScene().getRoot().snapshot(new SnapshotParameters(), null), null));
        BufferedImage rgb = new BufferedImage(image[0].getWidth(), image[0].getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image[0], 0, 0, null);
        ImageIO.write(rgb, "png", new File(file.toString()));
        System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KB)");
    }

    private static void fx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("FX thread did not answer");
        }
    }

    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            boolean[] ok = {false};
            fx(() -> ok[0] = condition.getAsBoolean());
            if (ok[0]) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out waiting");
    }
}
