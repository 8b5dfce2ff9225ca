package org.ec2workbench.sandbox.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void decodesFormsListsAndStructures() {
        QueryParams p = QueryParams.parse("Action=RunInstances&Tag.2.Key=b&Tag.1.Key=a+b&Tag.1.Value=%C3%A9"
                + "&InstanceId.10=i-2&InstanceId.2=i-1&Empty");
        assertThat(p.get("Action")).isEqualTo("RunInstances");
        assertThat(p.list("InstanceId")).containsExactly("i-1", "i-2");
        List<QueryParams> tags = p.structures("Tag");
        assertThat(tags).hasSize(2);
        assertThat(tags.get(0).get("Key")).isEqualTo("a b");
        assertThat(tags.get(0).get("Value")).isEqualTo("é");
        assertThat(p.get("Empty")).isEmpty();
    }

    @Test
    void brokenEncodingsAreMalformedQueryString() {
        for (String bad : new String[] {"a=%", "a=%zz", "a=%C3%28", "a=%ff"}) {
            assertThatThrownBy(() -> QueryParams.parse(bad)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("MalformedQueryString"));
        }
    }

    @Test
    void typedGettersGiveEc2Errors() {
        QueryParams p = QueryParams.parse("DryRun=maybe&MaxResults=ten");
        assertThatThrownBy(() -> p.bool("DryRun", false)).hasMessageContaining("Value (maybe) for parameter DryRun");
        assertThatThrownBy(() -> p.integer("MaxResults", 0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> p.required("ImageId")).hasMessage("The request must contain the parameter ImageId");
    }
}
