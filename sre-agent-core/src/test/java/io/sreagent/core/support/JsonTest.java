package io.sreagent.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(String incidentId, String absent) {
    }

    @Test
    void theSharedMapperCannotBeReconfiguredAndKeepsTheWireConventions() {
        assertThatThrownBy(() -> Json.mapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Json.newMapper()");
        assertThatThrownBy(() -> Json.mapper().registerModule(new SimpleModule()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Json.mapper().setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Json.mapper().setSerializationInclusion(JsonInclude.Include.ALWAYS))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Json.mapper().enable(SerializationFeature.INDENT_OUTPUT))
                .isInstanceOf(UnsupportedOperationException.class);

        assertThat(Json.write(new Sample("inc-1", null))).isEqualTo("{\"incident_id\":\"inc-1\"}");
        // A copy is a mapper of one's own.
        assertThat(Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)).isNotSameAs(Json.mapper());
    }
}
