package io.temas.feedback;

import io.temas.conversations.Conversations;
import io.temas.conversations.MessageReceived;
import io.temas.shared.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads SMS answers to surveys off the inbound pipeline without changing it: once a customer's
 * text has been stored raw and threaded like any other (nothing is lost), a lone digit from 1 to 5
 * within the answer window is recorded as the satisfaction answer of their SMS survey. Runs after
 * the pipeline commits, in its own transaction, so a failure here never touches the message.
 */
@Component
class SmsSurveyAnswers {

    private static final Logger log = LoggerFactory.getLogger(SmsSurveyAnswers.class);

    private final Surveys surveys;
    private final Conversations conversations;
    private final TransactionTemplate transactions;

    SmsSurveyAnswers(Surveys surveys, Conversations conversations, PlatformTransactionManager transactionManager) {
        this.surveys = surveys;
        this.conversations = conversations;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageReceived received) {
        if (!ChannelType.SMS.equals(received.channel())) {
            return;
        }
        try {
            transactions.executeWithoutResult(tx -> conversations.message(received.messageId())
                    .filter(m -> m.text() != null && m.text().strip().length() == 1)
                    .ifPresent(m -> surveys.smsReply(received.customerId(), m.text())));
        } catch (RuntimeException e) {
            log.warn("SMS {} not checked for a survey answer: {}", received.messageId(), e.toString());
        }
    }
}
