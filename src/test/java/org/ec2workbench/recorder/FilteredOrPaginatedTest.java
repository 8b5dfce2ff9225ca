package org.ec2workbench.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/** The interceptor names the same request bucket as the sandbox throttles with. */
class FilteredOrPaginatedTest {

    @Test
    void aBareDescribeIsUnfiltered() {
        assertThat(AttemptInterceptor.filteredOrPaginated(DescribeInstancesRequest.builder().build())).isFalse();
    }

    @Test
    void filtersPaginationAndIdListsAllNarrowTheRequest() {
        assertThat(AttemptInterceptor.filteredOrPaginated(DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("instance-state-name").values("running").build()).build())).isTrue();
        assertThat(AttemptInterceptor.filteredOrPaginated(DescribeInstancesRequest.builder().maxResults(5).build()))
                .isTrue();
        assertThat(AttemptInterceptor.filteredOrPaginated(DescribeInstancesRequest.builder()
                .instanceIds("i-0123456789abcdef0").build())).isTrue();
    }

    @Test
    void anActionWithoutSuchFieldsIsUnknown() {
        assertThat(AttemptInterceptor.filteredOrPaginated(RunInstancesRequest.builder().imageId("ami-1").build()))
                .isNull();
    }
}
