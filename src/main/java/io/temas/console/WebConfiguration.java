package io.temas.console;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Pages speak Turkish unless the visitor picks Azerbaijani or English ({@code ?lang=az}); the
 * choice is kept in a cookie. Used by the console and the public pages alike.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ConsoleModel consoleModel;
    private final ConversationGuard conversationGuard;
    private final RefusalDetails refusalDetails;

    WebConfiguration(ConsoleModel consoleModel, ConversationGuard conversationGuard, RefusalDetails refusalDetails) {
        this.consoleModel = consoleModel;
        this.refusalDetails = refusalDetails;
        this.conversationGuard = conversationGuard;
    }

    static final Locale TURKISH = Locale.forLanguageTag("tr");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("temas-lang");
        resolver.setDefaultLocale(TURKISH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        // A cookie that is no locale (edited by hand, left by another app on the host) means "no choice made", not a broken page.
        resolver.setRejectInvalidCookies(false);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        // Pages choose their language with ?lang=; the API speaks through problem details and never reads it. Asking a form
        // post for a parameter makes the server read its body, which the API's raw-body handlers must get as sent.
        registry.addInterceptor(change).excludePathPatterns("/api/**");
        registry.addInterceptor(consoleModel).addPathPatterns("/console/**");
        registry.addInterceptor(refusalDetails).addPathPatterns("/console/**");
        registry.addInterceptor(conversationGuard).addPathPatterns(ConversationGuard.PATHS);
    }
}
