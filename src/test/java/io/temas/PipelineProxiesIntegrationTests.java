package io.temas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temas.campaigns.Campaigns;
import io.temas.channels.Outbox;
import io.temas.complaints.ComplaintCatalogue;
import io.temas.conversations.Conversations;
import io.temas.conversations.Workload;
import io.temas.customers.Customers;
import io.temas.customers.IdentityResolver;
import io.temas.routing.Agent;
import io.temas.routing.Assigner;
import io.temas.routing.EntryPoints;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.support.TemasIntegrationTest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stores every inbound message calls several times, the campaigns and complaint rules it is matched against, and the
 * assigner every new conversation calls, are plain objects, not proxies: a proxy's call goes through an interceptor chain and reflection even when no advice applies, and
 * exception translation (what {@code @Repository} adds) is already done by {@code JdbcClient}. The proxies took 3.7 % of a
 * profile's samples of Temas under load, and the assigner's and the catalogues' 1.8 % more (BENCHMARKS.md).
 */
@TemasIntegrationTest
class PipelineProxiesIntegrationTests {

    @Autowired
    Conversations conversations;
    @Autowired
    Customers customers;
    @Autowired
    IdentityResolver identities;
    @Autowired
    Workload workload;
    @Autowired
    EntryPoints entryPoints;
    @Autowired
    Outbox outbox;
    @Autowired
    Assigner assigner;
    @Autowired
    Campaigns campaigns;
    @Autowired
    ComplaintCatalogue complaintCatalogue;
    @Autowired
    TransactionTemplate transactions;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void thePipelinesStoresAreCalledDirectly() {
        assertThat(List.<Object>of(conversations, customers, identities, workload, entryPoints, outbox, assigner, campaigns,
                complaintCatalogue)).noneMatch(AopUtils::isAopProxy);
    }

    @Test
    void lockingIdentifiersAheadStillNeedsTheCallersTransaction() {
        List<Identifier> sender = List.of(Identifier.email("ahead@example.com"));
        IdentityResolver.WithLocks<Integer> statement = locks -> jdbc.sql("with " + locks.with() + locks.after() + " select taken from l")
                .params(locks.params()).params(locks.afterParams()).query(Integer.class).single();
        assertThatThrownBy(() -> identities.lockAhead(sender, statement)).isInstanceOf(IllegalTransactionStateException.class);
        Integer taken = transactions.execute(status -> identities.lockAhead(sender, statement));
        assertThat(taken).as("locks taken").isEqualTo(1);
    }

    @Test
    void choosingAnAgentForANewConversationStillNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> assigner.chooseForNew(UUID.randomUUID(), ChannelType.EMAIL, List.of()))
                .isInstanceOf(IllegalTransactionStateException.class);
        Optional<Agent> chosen = transactions.execute(status -> assigner.chooseForNew(UUID.randomUUID(), ChannelType.EMAIL, List.of())).agent();
        assertThat(chosen).as("a queue nobody is online in").isEmpty();
    }
}
