package io.temas;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Conditional;

/**
 * The start with Spring's ahead-of-time processing ({@code -Dspring.aot.enabled=true}) runs the
 * bean definitions generated at build, whose conditions were decided then. So no bean of Temas may
 * be switched on or off by a setting, a profile or anything else of the place it runs: a setting
 * must choose inside a bean method (which then runs at start), as the database and the SMS
 * provider do. Conditions on other beans and on the class path, fixed by the build itself, may stay.
 */
class AheadOfTimeTests {

    /** Conditions the build decides the same way as a start would. */
    private static final Set<String> DECIDED_BY_THE_BUILD = Set.of(ConditionalOnBean.class.getName(), ConditionalOnMissingBean.class.getName(),
            ConditionalOnSingleCandidate.class.getName(), ConditionalOnClass.class.getName(), ConditionalOnMissingClass.class.getName());

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.temas");

    @Test
    void noBeanIsSwitchedByWhatOnlyTheStartKnows() {
        List<String> switched = new ArrayList<>();
        for (JavaClass type : classes) {
            conditions(type.getName(), type.getAnnotations(), switched);
            for (JavaMethod method : type.getMethods()) {
                conditions(type.getName() + "." + method.getName(), method.getAnnotations(), switched);
            }
        }
        assertThat(switched).isEmpty();
    }

    /** Any condition (directly or through a meta-annotation such as {@code @Profile}) but those the build decides. */
    private static void conditions(String where, Collection<? extends JavaAnnotation<?>> annotations, List<String> into) {
        for (JavaAnnotation<?> annotation : annotations) {
            JavaClass type = annotation.getRawType();
            boolean condition = type.isEquivalentTo(Conditional.class) || type.isMetaAnnotatedWith(Conditional.class);
            if (condition && !DECIDED_BY_THE_BUILD.contains(type.getName())) {
                into.add(where + " @" + type.getSimpleName());
            }
        }
    }
}
