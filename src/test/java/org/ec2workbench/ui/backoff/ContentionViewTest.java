package org.ec2workbench.ui.backoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.ec2workbench.simulate.BackoffSweep;
import org.ec2workbench.ui.common.Plot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ContentionViewTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private ContentionView view;

    @Start
    void start(Stage stage) {
        view = new ContentionView(background);
        stage.setScene(new Scene(view, 1200, 600));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        background.shutdownNow();
    }

    @Test
    void runsTheSweepInTheBackgroundAndPlotsEveryStrategy(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#contention-status").queryLabeled().getText()).contains("nothing has been run");
        robot.interact(() -> view.start(10, 50, 20, 5, 7));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.rows().size() == 15);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#contention-status").queryLabeled().getText()).isEqualTo("Done: 15 cells.");
        assertThat(robot.lookup("#contention-run").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#contention-calls").queryAs(Plot.class).data().layers())
                .hasSize(2 * BackoffSweep.STRATEGIES.size());
        double exponential = view.rows().stream().filter(r -> r.clients() == 50 && r.strategy().equals("exponential"))
                .findFirst().orElseThrow().calls();
        double fullJitter = view.rows().stream().filter(r -> r.clients() == 50 && r.strategy().equals("full_jitter"))
                .findFirst().orElseThrow().calls();
        assertThat(exponential).isGreaterThan(fullJitter);
    }

    @Test
    void anInvertedRangeIsExplained(FxRobot robot) {
        robot.interact(() -> view.start(50, 10, 10, 5, 1));
        assertThat(robot.lookup("#contention-status").queryLabeled().getText()).contains("must not exceed");
    }
}
