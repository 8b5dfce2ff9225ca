package org.ec2workbench.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCatalogTest {

    private final ErrorCatalog catalog = ErrorCatalog.ec2();

    /** Every code the seeds and DESIGN.md name, with the category the workbench teaches for it. */
    @Test
    void everyCodeTheSeedsNameIsListedWithItsCategory() {
        record Named(String code, ErrorCategory category) {
        }
        List<Named> named = List.of(
                new Named("RequestLimitExceeded", ErrorCategory.THROTTLING),
                new Named("InvalidInstanceID.NotFound", ErrorCategory.CONSISTENCY),
                new Named("InvalidGroup.NotFound", ErrorCategory.CONSISTENCY),
                new Named("InstanceLimitExceeded", ErrorCategory.LIMIT),
                new Named("UnauthorizedOperation", ErrorCategory.AUTHORIZATION),
                new Named("DryRunOperation", ErrorCategory.AUTHORIZATION),
                new Named("AuthFailure", ErrorCategory.AUTHORIZATION),
                new Named("InternalError", ErrorCategory.SERVER),
                new Named("InternalFailure", ErrorCategory.SERVER),
                new Named("ServerInternal", ErrorCategory.SERVER),
                new Named("ServiceUnavailable", ErrorCategory.SERVER),
                new Named("Unavailable", ErrorCategory.SERVER),
                new Named("InsufficientInstanceCapacity", ErrorCategory.CAPACITY),
                new Named("InsufficientVolumeCapacity", ErrorCategory.CAPACITY),
                new Named("InsufficientAddressCapacity", ErrorCategory.CAPACITY),
                new Named("InsufficientHostCapacity", ErrorCategory.CAPACITY),
                new Named("InsufficientReservedInstanceCapacity", ErrorCategory.CAPACITY),
                new Named("InvalidAction", ErrorCategory.VALIDATION),
                new Named("MissingParameter", ErrorCategory.VALIDATION),
                new Named("InvalidParameterValue", ErrorCategory.VALIDATION),
                new Named("InvalidInstanceID.Malformed", ErrorCategory.VALIDATION),
                new Named("InvalidAMIID.NotFound", ErrorCategory.CONSISTENCY));
        for (Named n : named) {
            assertThat(catalog.lookup(n.code())).as(n.code()).isPresent();
            assertThat(catalog.lookup(n.code()).orElseThrow().category()).as(n.code()).isEqualTo(n.category());
            assertThat(catalog.lookup(n.code()).orElseThrow().advice()).as(n.code()).isNotBlank();
        }
    }

    @Test
    void theCatalogCoversTheWholeReference() {
        assertThat(catalog.codes()).hasSizeGreaterThan(400);
        for (String code : catalog.codes()) {
            ErrorCatalog.Entry e = catalog.lookup(code).orElseThrow();
            assertThat(e.fault()).as(code).isNotEqualTo(Fault.NONE);
            assertThat(e.category()).as(code).isNotEqualTo(ErrorCategory.NONE);
            assertThat(e.advice()).as(code).isNotBlank().doesNotContain("\n");
        }
        // the reference lists these under server errors
        assertThat(catalog.lookup("InternalError").orElseThrow().fault()).isEqualTo(Fault.SERVER);
        assertThat(catalog.lookup("RequestLimitExceeded").orElseThrow().fault()).isEqualTo(Fault.SERVER);
        assertThat(catalog.lookup("InvalidGroup.NotFound").orElseThrow().fault()).isEqualTo(Fault.CLIENT);
    }

    @Test
    void adviceForTheSeedsFailuresCarriesTheirGuidance() {
        assertThat(catalog.lookup("InvalidInstanceID.NotFound").orElseThrow().advice())
                .contains("backoff").contains("five minutes").contains("TerminateInstances");
        assertThat(catalog.lookup("UnauthorizedOperation").orElseThrow().advice()).contains("DecodeAuthorizationMessage");
        assertThat(catalog.lookup("InstanceLimitExceeded").orElseThrow().advice()).contains("terminated");
        assertThat(catalog.lookup("RequestLimitExceeded").orElseThrow().advice()).contains("jitter");
    }

    @Test
    void cloudTrailPrefixesAreUnderstood() {
        assertThat(catalog.classify("Client.RequestLimitExceeded", 0).category()).isEqualTo(ErrorCategory.THROTTLING);
        assertThat(catalog.classify("Client.UnauthorizedOperation", 0).listed()).isTrue();
        assertThat(catalog.classify("Server.InternalError", 0).category()).isEqualTo(ErrorCategory.SERVER);
    }

    @Test
    void unknownCodesAreClassifiedByStatusAndShape() {
        assertThat(catalog.classify("ThrottlingException", 400).category()).isEqualTo(ErrorCategory.THROTTLING);
        assertThat(catalog.classify("Throttling", 400).category()).isEqualTo(ErrorCategory.THROTTLING);
        assertThat(catalog.classify("AccessDenied", 403).category()).isEqualTo(ErrorCategory.AUTHORIZATION);
        assertThat(catalog.classify("AWS.SimpleQueueService.NonExistentQueue", 400).category())
                .isEqualTo(ErrorCategory.VALIDATION);
        assertThat(catalog.classify("InvalidWidgetID.NotFound", 400).category()).isEqualTo(ErrorCategory.CONSISTENCY);
        assertThat(catalog.classify("ResourceNotFoundException", 400).category()).isEqualTo(ErrorCategory.CONSISTENCY);
        assertThat(catalog.classify("WidgetLimitExceeded", 400).category()).isEqualTo(ErrorCategory.LIMIT);
        assertThat(catalog.classify("SomethingOdd", 502)).satisfies(e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.SERVER);
            assertThat(e.fault()).isEqualTo(Fault.SERVER);
            assertThat(e.listed()).isFalse();
        });
        assertThat(catalog.classify("SomethingOdd", 400).fault()).isEqualTo(Fault.CLIENT);
        assertThat(catalog.classify(null, 200).category()).isEqualTo(ErrorCategory.NONE);
        assertThat(catalog.classify(null, 0).category()).isEqualTo(ErrorCategory.SERVER);
        assertThat(catalog.classify(null, 404).category()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(catalog.classify("", 429).category()).isEqualTo(ErrorCategory.THROTTLING);
    }
}
