package io.temas.chat;

import io.temas.conversations.ConversationAssigned;
import io.temas.conversations.ConversationRouted;
import io.temas.platform.AfterCommit;
import io.temas.routing.Agents;
import io.temas.routing.Queues;
import io.temas.shared.ChannelType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a waiting visitor what happens on the agents' side: who joined, and that the chat is being
 * transferred to another agent or team. The visitor stays connected throughout; told after the
 * change commits. A conversation's routing and assignment as it is opened are the hand-off itself, which tells the
 * visitor in its own words: told here too, the visitor could read it twice, or read of a transfer that never was.
 */
@Component
class ChatNotices {

    private final ChatSessions sessions;
    private final Agents agents;
    private final Queues queues;

    ChatNotices(ChatSessions sessions, Agents agents, Queues queues) {
        this.sessions = sessions;
        this.agents = agents;
        this.queues = queues;
    }

    @EventListener
    void on(ConversationAssigned event) {
        if (ChannelType.CHAT.equals(event.channel()) && event.agentId() != null && !event.opening()) {
            later(() -> agents.find(event.agentId()).ifPresent(agent ->
                    sessions.notice(event.conversationId(), "chat.notice.joined", agent.displayName(), agent.displayName())));
        }
    }

    @EventListener
    void on(ConversationRouted event) {
        if (!ChannelType.CHAT.equals(event.channel()) || event.opening()) {
            return;
        }
        later(() -> queues.find(event.queueId()).ifPresent(queue ->
                sessions.notice(event.conversationId(), "chat.notice.transferred", null, queue.name())));
    }

    /**
     * After the change commits, on a thread of its own: the committing thread still holds its
     * connection while after-commit work runs, and a second one taken there could wait forever
     * for a pool that every such thread holds a connection of.
     */
    private static void later(Runnable notice) {
        AfterCommit.run(() -> Thread.startVirtualThread(notice));
    }
}
