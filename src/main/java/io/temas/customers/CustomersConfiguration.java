package io.temas.customers;

import io.temas.customers.identity.IdentifierNormaliser;
import io.temas.customers.identity.IdentitySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomersConfiguration {

    @Bean
    IdentifierNormaliser identifierNormaliser(IdentitySettings settings) {
        return new IdentifierNormaliser(settings);
    }
}
