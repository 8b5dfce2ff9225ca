package org.ec2workbench.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketCatalogTest {

    private final BucketCatalog catalog = BucketCatalog.standard();

    @Test
    void categoriesFollowTheDocumentedTable() {
        assertThat(catalog.requestBucket("DescribeInstances", true))
                .isEqualTo(new BucketSpec(BucketCategory.NON_MUTATING, 100, 20));
        assertThat(catalog.requestBucket("DescribeInstances", false))
                .isEqualTo(new BucketSpec(BucketCategory.UNFILTERED_UNPAGINATED, 50, 10));
        assertThat(catalog.requestBucket("DescribeImages", false).category()).isEqualTo(BucketCategory.NON_MUTATING);
        assertThat(catalog.requestBucket("CreateSecurityGroup", false))
                .isEqualTo(new BucketSpec(BucketCategory.MUTATING, 50, 5));
        assertThat(catalog.requestBucket("AuthorizeSecurityGroupIngress", false).category())
                .isEqualTo(BucketCategory.RESOURCE_INTENSIVE);
        assertThat(catalog.requestBucket("CreateKeyPair", false).category()).isEqualTo(BucketCategory.RESOURCE_INTENSIVE);
    }

    @Test
    void uncategorizedActionsComeFromTheBundledCsvWithFractionalRefills() {
        assertThat(catalog.requestBucket("RunInstances", false))
                .isEqualTo(new BucketSpec(BucketCategory.UNCATEGORIZED, 5, 2));
        assertThat(catalog.requestBucket("TerminateInstances", false).capacity()).isEqualTo(100);
        assertThat(catalog.requestBucket("CreateTags", false).refillPerSecond()).isEqualTo(10);
        assertThat(catalog.requestBucket("CreateVpcEndpoint", false).refillPerSecond()).isEqualTo(0.3);
        assertThat(catalog.resourceBucket("RunInstances")).hasValue(new BucketSpec(BucketCategory.RESOURCE, 1000, 2));
        assertThat(catalog.resourceBucket("StopInstances")).hasValue(new BucketSpec(BucketCategory.RESOURCE, 1000, 20));
        assertThat(catalog.resourceBucket("DescribeInstances")).isEmpty();
    }
}
