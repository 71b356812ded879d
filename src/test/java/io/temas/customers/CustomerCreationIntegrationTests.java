package io.temas.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.customers.identity.NormalisedIdentifier;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import io.temas.shared.Language;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer created with its identifiers in one statement: an identifier another customer holds is left out and said so; and
 * the look-up that creates one only when nobody holds any of the identifiers.
 */
@TemasIntegrationTest
class CustomerCreationIntegrationTests {

    @Autowired
    Customers customers;

    @Autowired
    IdentityResolver resolver;

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

    @Test
    void oneStatementCreatesTheCustomerWhenNobodyHoldsTheIdentifiersAndOtherwiseOnlyAnswersWhoDoes() {
        NormalisedIdentifier first = email("ilk-" + UUID.randomUUID() + "@example.com");
        NormalisedIdentifier second = email("ikinci-" + UUID.randomUUID() + "@example.com");
        String other = "Başka " + UUID.randomUUID();

        Customers.OwnersOrCreated fresh = customers.ownersOrCreate(List.of(first, second), "Yeni", Language.TR, Language.AZ, List.of(first));

        assertThat(fresh.owners()).isEmpty();
        assertThat(fresh.created().attached()).containsExactly(first.key());
        assertThat(fresh.created().profile().displayName()).isEqualTo("Yeni");
        assertThat(fresh.created().profile().detectedLanguage()).isEqualTo(Language.AZ);
        assertThat(jdbc.sql("select type || ':' || value from identities where customer_id = ?").param(fresh.created().profile().id().value())
                .query(String.class).list()).containsExactly(first.key());

        Customers.OwnersOrCreated known = customers.ownersOrCreate(List.of(second, first), other, null, null, List.of(second, first));

        assertThat(known.created()).isNull();
        assertThat(known.known()).as("some identifiers free: the resolution attaches them, then fills in").isNull();
        assertThat(known.owners()).containsExactly(java.util.Map.entry(first.key(), fresh.created().profile().id()));
        assertThat(jdbc.sql("select count(*) from customers where display_name = ?").param(other).query(Integer.class).single())
                .as("nobody created when someone holds an identifier").isZero();
        assertThat(jdbc.sql("select count(*) from identities where type = 'email' and value = ?").param(second.value())
                .query(Integer.class).single()).isZero();
    }

    /**
     * When one customer holds every identifier, the look-up also fills the profile in and answers it, so a known sender's
     * resolution asks once; when the identifiers are two customers', it fills in nobody, since the merge comes first.
     */
    @Test
    void theLookUpFillsInAndAnswersTheProfileOfTheOneCustomerHoldingEveryIdentifier() {
        NormalisedIdentifier first = email("tek-" + UUID.randomUUID() + "@example.com");
        NormalisedIdentifier second = email("tek2-" + UUID.randomUUID() + "@example.com");
        CustomerId holder = customers.create(null, null, null, List.of(first, second)).profile().id();

        Customers.OwnersOrCreated found = customers.ownersOrCreate(List.of(second, first), "Nərgiz", Language.AZ, Language.TR, List.of());

        assertThat(found.created()).isNull();
        assertThat(found.known().id()).isEqualTo(holder);
        assertThat(found.known().displayName()).isEqualTo("Nərgiz");
        assertThat(found.known().language()).isEqualTo(Language.AZ);
        assertThat(found.known().detectedLanguage()).isEqualTo(Language.TR);
        assertThat(customers.get(holder)).as("written, not only answered").isEqualTo(found.known());

        Customers.OwnersOrCreated unchanged = customers.ownersOrCreate(List.of(first), "Başqa", null, null, List.of());

        assertThat(unchanged.known()).as("nothing to fill in: the profile as it stands").isEqualTo(found.known());

        NormalisedIdentifier elsewhere = email("diger-" + UUID.randomUUID() + "@example.com");
        CustomerId other = customers.create(null, null, null, List.of(elsewhere)).profile().id();

        Customers.OwnersOrCreated two = customers.ownersOrCreate(List.of(elsewhere, first), "Üçüncü", Language.EN, null, List.of());

        assertThat(two.known()).isNull();
        assertThat(two.owners()).containsOnlyKeys(first.key(), elsewhere.key());
        assertThat(customers.get(other).displayName()).as("two customers': nobody filled in").isNull();
    }

    @Test
    void aKnownSendersResolutionAnswersTheProfileWithWhatTheMessageFilledInAndTheLanguageItWasRecognisedIn() {
        List<Identifier> sender = List.of(Identifier.email("bilinen-" + UUID.randomUUID() + "@example.com"));
        IdentityResolver.Resolution first = resolver.resolve(sender, null, null);
        assertThat(first.created()).isTrue();
        assertThat(first.profile().displayName()).isNull();

        IdentityResolver.Resolution named = resolver.resolve(sender, "Ayla", Language.TR);

        assertThat(named.created()).isFalse();
        assertThat(named.customerId()).isEqualTo(first.customerId());
        assertThat(named.profile().displayName()).isEqualTo("Ayla");
        assertThat(named.profile().language()).isEqualTo(Language.TR);

        IdentityResolver.Resolution again = resolver.resolve(sender, "Başka Ad", Language.EN);

        assertThat(again.profile().displayName()).as("a name the profile has is kept").isEqualTo("Ayla");
        assertThat(again.profile().language()).isEqualTo(Language.TR);
        assertThat(customers.get(first.customerId()).displayName()).isEqualTo("Ayla");

        IdentityResolver.Resolution recognised = resolver.resolve(sender, null, null, Language.AZ);

        assertThat(recognised.profile().detectedLanguage()).as("the language its messages were recognised in, noted").isEqualTo(Language.AZ);
        assertThat(recognised.profile().language()).as("the chosen one kept").isEqualTo(Language.TR);
        assertThat(customers.get(first.customerId()).detectedLanguage()).isEqualTo(Language.AZ);
    }

    private static NormalisedIdentifier email(String address) {
        return new NormalisedIdentifier(IdentifierType.EMAIL, address, address);
    }
}
