package org.ec2workbench.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestBucketsTest {

    private final RequestBuckets buckets = RequestBuckets.ec2();

    @Test
    void unfilteredDescribeUsesTheSmallerBucket() {
        assertThat(buckets.bucketFor("DescribeInstances", false))
                .isEqualTo(new RequestBuckets.Bucket("unfiltered-non-mutating", 50, 10));
        assertThat(buckets.bucketFor("DescribeInstances", true))
                .isEqualTo(new RequestBuckets.Bucket("non-mutating", 100, 20));
        assertThat(buckets.bucketFor("DescribeInstances", null).name()).isEqualTo("unfiltered-non-mutating");
        assertThat(buckets.bucketFor("DescribeImages", false).name()).isEqualTo("non-mutating");
    }

    @Test
    void uncategorizedActionsHaveTheirOwnBucket() {
        assertThat(buckets.bucketFor("RunInstances", null)).isEqualTo(new RequestBuckets.Bucket("RunInstances", 5, 2));
        assertThat(buckets.bucketFor("TerminateInstances", null).capacity()).isEqualTo(100);
        assertThat(buckets.bucketFor("CreateTags", null).refillPerSecond()).isEqualTo(10);
        assertThat(buckets.bucketFor("AdvertiseByoipCidr", null).refillPerSecond()).isEqualTo(0.1);
        assertThat(buckets.byName("RunInstances").capacity()).isEqualTo(5);
    }

    @Test
    void categoriesFollowTheDocumentedTable() {
        assertThat(buckets.bucketFor("AuthorizeSecurityGroupIngress", null).name()).isEqualTo("resource-intensive");
        assertThat(buckets.bucketFor("CreateKeyPair", null).name()).isEqualTo("resource-intensive");
        assertThat(buckets.bucketFor("CreateSecurityGroup", null)).isEqualTo(new RequestBuckets.Bucket("mutating", 50, 5));
        assertThat(buckets.bucketFor("GetConsoleOutput", null).name()).isEqualTo("non-mutating");
        assertThat(buckets.byName("non-mutating").refillPerSecond()).isEqualTo(20);
        assertThat(buckets.byName("nope")).isNull();
    }
}
