package io.temas.feedback;

import io.temas.conversations.Actor;
import io.temas.conversations.AgentDirectory;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.conversations.ReplyFooter;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Was this answer helpful?" under every agent e-mail reply: two signed links (yes, no) that open a
 * page with a button; the press is recorded against the reply and its author, and the latest press
 * counts. Agents see it on the message; the figures give each agent's helpful share.
 */
@Service
public class ReplyRatings implements ReplyFooter {

    /** An agent's ratings over a period: how many, how many helpful. */
    public record Share(long ratings, long helpful) {

        /** The helpful share in percent, rounded; null without ratings. */
        public Integer percent() {
            return ratings == 0 ? null : (int) Math.round(100.0 * helpful / ratings);
        }
    }

    /** The reply a rating link names. */
    public record Reply(UUID messageId, UUID conversationId, Language language, Boolean helpful) {
    }

    private final JdbcClient jdbc;
    private final SurveyLinks links;
    private final SurveySettings settings;
    private final Conversations conversations;
    private final ObjectProvider<AgentDirectory> agents;
    private final MessageSource messages;
    private final Clock clock;

    ReplyRatings(JdbcClient jdbc, SurveyLinks links, SurveySettings settings, Conversations conversations,
                 ObjectProvider<AgentDirectory> agents, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.links = links;
        this.settings = settings;
        this.conversations = conversations;
        this.agents = agents;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String footer(Conversation conversation, ChannelType channel, UUID messageId) {
        if (!ChannelType.EMAIL.equals(channel)) {
            return "";
        }
        Language language = conversation.language() == null ? Language.DEFAULT : conversation.language();
        String link = settings.base() + "/survey/r/" + links.token(SurveyLinks.Kind.REPLY, messageId) + "/";
        return "-- \n" + text(language, "survey.reply.question") + "\n"
                + text(language, "survey.reply.yes") + ": " + link + "yes\n"
                + text(language, "survey.reply.no") + ": " + link + "no";
    }

    /** The agent reply a link names; empty when the link is forged or names no agent reply. */
    public Optional<Reply> byToken(String token) {
        return links.verify(SurveyLinks.Kind.REPLY, token).flatMap(conversations::message)
                .filter(m -> m.direction() == Message.Direction.OUTBOUND && "message".equals(m.kind()))
                .map(m -> new Reply(m.id(), m.conversationId(), language(m.conversationId()), rating(m.id()).orElse(null)));
    }

    /** Records a press; a later press replaces an earlier one. */
    @Transactional
    public void rate(Reply reply, boolean helpful) {
        UUID agent = conversations.message(reply.messageId()).map(Message::author).flatMap(a -> {
            AgentDirectory directory = agents.getIfAvailable();
            return directory == null ? Optional.<Actor>empty() : directory.agent(a);
        }).map(Actor::agentId).orElse(null);
        jdbc.sql("""
                        insert into reply_ratings (message_id, conversation_id, agent_id, helpful, rated_at) values (?, ?, ?, ?, ?)
                        on conflict (message_id) do update set helpful = excluded.helpful, rated_at = excluded.rated_at""")
                .params(reply.messageId(), reply.conversationId(), agent, helpful, Timestamp.from(clock.instant())).update();
    }

    public Optional<Boolean> rating(UUID messageId) {
        return jdbc.sql("select helpful from reply_ratings where message_id = ?").param(messageId).query(Boolean.class).optional();
    }

    /** The ratings of a conversation's replies, by message. */
    public Map<UUID, Boolean> ofConversation(UUID conversationId) {
        Map<UUID, Boolean> ratings = new HashMap<>();
        jdbc.sql("select message_id, helpful from reply_ratings where conversation_id = ?").param(conversationId)
                .query((rs, n) -> ratings.put(rs.getObject(1, UUID.class), rs.getBoolean(2))).list();
        return ratings;
    }

    /** Each agent's ratings over the last {@code period}. */
    public Map<UUID, Share> byAgent(Duration period) {
        Map<UUID, Share> shares = new HashMap<>();
        jdbc.sql("""
                        select agent_id, count(*), count(*) filter (where helpful) from reply_ratings
                        where agent_id is not null and rated_at >= ? group by agent_id""")
                .param(Timestamp.from(clock.instant().minus(period)))
                .query((rs, n) -> shares.put(rs.getObject(1, UUID.class), new Share(rs.getLong(2), rs.getLong(3)))).list();
        return shares;
    }

    private Language language(UUID conversationId) {
        Language language = conversations.get(conversationId).language();
        return language == null ? Language.DEFAULT : language;
    }

    private String text(Language language, String key) {
        return messages.getMessage(key, null, key, language.locale());
    }
}
