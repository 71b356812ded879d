package io.temas.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.identity.NormalisedIdentifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.Language;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A customer created with its identifiers in one statement: an identifier another customer holds is left out and said so. */
@TemasIntegrationTest
class CustomerCreationIntegrationTests {

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anIdentifierAnotherCustomerHoldsIsLeftOutAndTheOthersAreAttached() {
        NormalisedIdentifier held = email("tutulan-" + UUID.randomUUID() + "@example.com");
        NormalisedIdentifier free = email("serbest-" + UUID.randomUUID() + "@example.com");
        NormalisedIdentifier phone = new NormalisedIdentifier(IdentifierType.PHONE, "+99450" + (1_000_000 + (int) (Math.random() * 8_999_999)),
                "050 …");
        CustomerId holder = customers.create("Sahib", Language.AZ, null, List.of(held)).profile().id();

        Customers.Created created = customers.create("Yeni", Language.AZ, Language.TR, List.of(held, free, phone));

        assertThat(created.attached()).containsExactlyInAnyOrder(free.key(), phone.key());
        assertThat(created.profile().displayName()).isEqualTo("Yeni");
        assertThat(created.profile().detectedLanguage()).isEqualTo(Language.TR);
        assertThat(jdbc.sql("select customer_id from identities where type = 'email' and value = ?").param(held.value())
                .query(UUID.class).single()).isEqualTo(holder.value());
        assertThat(jdbc.sql("select type || ':' || value from identities where customer_id = ?").param(created.profile().id().value())
                .query(String.class).list()).containsExactlyInAnyOrder(free.key(), phone.key());
    }

    private static NormalisedIdentifier email(String address) {
        return new NormalisedIdentifier(IdentifierType.EMAIL, address, address);
    }
}
