package io.consentmesh.consent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentmesh.consent.authorization.rules.ContentClass;
import io.consentmesh.testkit.MeshTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** G-01: which content classes a campaign's use cases (and MIXED / LOW_VOLUME sub-use-cases) cover. */
@QuarkusTest
@MeshTest
class UseCaseCoverageTest {

    @Inject
    UseCaseCoverage coverage;

    static Stream<Arguments> G01_cases() {
        return Stream.of(
                Arguments.of(List.of("MARKETING"), ContentClass.MARKETING, true),
                Arguments.of(List.of("MIXED", "ACCOUNT_NOTIFICATION", "MARKETING"), ContentClass.MARKETING, true),
                Arguments.of(List.of("MIXED", "ACCOUNT_NOTIFICATION", "2FA"), ContentClass.MARKETING, false),
                Arguments.of(List.of("MIXED"), ContentClass.MARKETING, false),
                Arguments.of(List.of("LOW_VOLUME", "CUSTOMER_CARE"), ContentClass.MARKETING, true),
                Arguments.of(List.of("ACCOUNT_NOTIFICATION"), ContentClass.MARKETING, false),
                Arguments.of(List.of("ACCOUNT_NOTIFICATION"), ContentClass.TRANSACTIONAL, true),
                Arguments.of(List.of("ACCOUNT_NOTIFICATION"), ContentClass.INFORMATIONAL, true),
                Arguments.of(List.of("ACCOUNT_NOTIFICATION"), ContentClass.CONVERSATIONAL, false),
                Arguments.of(List.of("2FA"), ContentClass.TRANSACTIONAL, true),
                Arguments.of(List.of("2FA"), ContentClass.INFORMATIONAL, false),
                Arguments.of(List.of("CUSTOMER_CARE"), ContentClass.CONVERSATIONAL, true),
                Arguments.of(List.of("MARKETING"), ContentClass.TRANSACTIONAL, false),
                Arguments.of(List.of("PROMOTIONS"), ContentClass.MARKETING, false));
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @MethodSource("G01_cases")
    void G01_the_campaigns_use_cases_must_cover_the_content_class(
            List<String> useCases, ContentClass contentClass, boolean covered) {
        assertThat(coverage.covers(useCases, contentClass, Instant.now())).isEqualTo(covered);
        assertThat(coverage.coveredClasses(useCases, Instant.now()).contains(contentClass))
                .isEqualTo(covered);
    }
}
