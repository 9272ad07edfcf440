package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.LogConfig;
import dev.barge.config.compose.EngineNames;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** validate's lists of engine names are the ones apply converts with, so validate refuses what apply would. */
class EngineNamesTest {
    @Test
    void validateKnowsTheCapabilitiesApplyKnows() {
        assertThat(EngineNames.CAPABILITIES)
                .isEqualTo(Arrays.stream(Capability.values()).map(Enum::name).collect(Collectors.toSet()));
    }

    @Test
    void validateKnowsTheLoggingDriversApplyKnows() {
        assertThat(EngineNames.LOGGING_DRIVERS)
                .isEqualTo(Arrays.stream(LogConfig.LoggingType.values()).map(LogConfig.LoggingType::getType).collect(Collectors.toSet()));
    }
}
