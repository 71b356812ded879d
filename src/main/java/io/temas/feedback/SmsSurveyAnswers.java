package io.temas.feedback;

import io.temas.conversations.MessageReceived;
import io.temas.shared.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads SMS answers to surveys off the inbound pipeline without changing it: a customer's text is
 * stored raw and threaded like any other (nothing is lost), and a lone digit from 1 to 5 within the
 * answer window is also recorded as the satisfaction answer of their SMS survey.
 *
 * <p>It listens synchronously, in the pipeline's transaction, and decides on the event's text: any
 * other message costs nothing (a transactional listener would cost every message a registry row and
 * a transaction after its commit, on the lane that commits the next batch). A one-digit answer is
 * recorded under a savepoint, so a failure here rolls back only itself, never the message.
 */
@Component
class SmsSurveyAnswers {

    private static final Logger log = LoggerFactory.getLogger(SmsSurveyAnswers.class);

    private final Surveys surveys;
    private final TransactionTemplate savepoint;

    SmsSurveyAnswers(Surveys surveys, PlatformTransactionManager transactionManager) {
        this.surveys = surveys;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @EventListener
    void on(MessageReceived received) {
        if (!ChannelType.SMS.equals(received.channel()) || !oneDigit(received.text())) {
            return;
        }
        try {
            savepoint.executeWithoutResult(tx -> surveys.smsReply(received.customerId(), received.text()));
        } catch (RuntimeException e) {
            log.warn("SMS {} not checked for a survey answer: {}", received.messageId(), e.toString());
        }
    }

    static boolean oneDigit(String text) {
        if (text == null) {
            return false;
        }
        String answer = text.strip();
        return answer.length() == 1 && answer.charAt(0) >= '1' && answer.charAt(0) <= '5';
    }
}
