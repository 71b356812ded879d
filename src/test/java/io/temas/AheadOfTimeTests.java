package io.temas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;

/**
 * The start with Spring's ahead-of-time processing ({@code -Dspring.aot.enabled=true}) runs the
 * bean definitions generated at build, whose conditions were decided then. So no bean of Temas may
 * be switched on or off by a setting or a profile: a setting must choose inside a bean method
 * (which then runs at start), as the database and the SMS provider do.
 */
class AheadOfTimeTests {

    /** What decides at build, under ahead-of-time processing, whether a bean exists. */
    private static final List<Class<? extends Annotation>> SWITCHES = List.of(Conditional.class, ConditionalOnProperty.class,
            ConditionalOnBooleanProperty.class, ConditionalOnExpression.class, Profile.class);

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.temas");

    @Test
    void noBeanIsSwitchedBySettingsOrProfiles() {
        for (Class<? extends Annotation> annotation : SWITCHES) {
            noClasses().should().beAnnotatedWith(annotation).check(classes);
            noMethods().should().beAnnotatedWith(annotation).check(classes);
        }
    }
}
