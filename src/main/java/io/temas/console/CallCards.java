package io.temas.console;

import io.temas.calls.Call;
import io.temas.calls.CallCentre;
import io.temas.conversations.Conversation;
import io.temas.conversations.Message;
import io.temas.customers.Customer;
import io.temas.customers.Identity;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.shared.Identifier;
import io.temas.shared.IdentifierType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The agent's side of calls on console pages: the call cards of a conversation's thread, the phone
 * panel of a conversation or customer (a call button for every phone number with the state of a
 * call going on, the wrap-up forms the agent owes), and who is on a call or in wrap-up for the
 * supervisor's board.
 */
@Component
class CallCards {

    /** How many of a customer's recent calls are looked at for one going on to a number. */
    private static final int RECENT = 20;

    /** A phone number of the customer with its call button; {@code live} is a call with it going on, or null. */
    record PhoneLine(UUID identityId, String number, CallCard live) {
    }

    private final CallCentre centre;
    private final Agents agents;

    CallCards(CallCentre centre, Agents agents) {
        this.centre = centre;
        this.agents = agents;
    }

    CallCard card(Call call) {
        String name = call.agentId() == null ? null : agents.find(call.agentId()).map(Agent::displayName).orElse(null);
        return CallCard.of(call, name);
    }

    List<CallCard> cards(Collection<Call> calls) {
        Map<UUID, String> names = agents.names(calls.stream().map(Call::agentId).filter(Objects::nonNull).distinct().toList());
        return calls.stream().map(c -> CallCard.of(c, c.agentId() == null ? null : names.get(c.agentId()))).toList();
    }

    /** Places the conversation's calls in its thread (see {@link CallThread}). */
    CallThread thread(UUID conversationId, List<Message> messages) {
        List<Call> calls = centre.ofConversation(conversationId);
        if (calls.isEmpty()) {
            return CallThread.EMPTY;
        }
        Map<String, UUID> messageByExternal = new HashMap<>();
        for (Message m : messages) {
            if (m.externalId() != null) {
                messageByExternal.put(m.externalId(), m.id());
            }
        }
        CallThread.Builder thread = CallThread.builder();
        for (CallCard card : cards(calls)) {
            Call call = calls.stream().filter(c -> c.id().equals(card.id())).findFirst().orElseThrow();
            UUID own = messageByExternal.get("call:" + call.provider() + ":" + call.externalId());
            if (own != null) {
                thread.replace(own, card);
                continue;
            }
            Message next = messages.stream().filter(m -> m.occurredAt().isAfter(call.startedAt())).findFirst().orElse(null);
            if (next == null) {
                thread.after(card);
            } else {
                thread.before(next.id(), card);
            }
        }
        return thread.build();
    }

    /**
     * Fills the phone panel of a page: {@code conversation} is the conversation the page shows, or
     * null on the customer's page.
     */
    void panel(Customer customer, List<Identity> identities, Conversation conversation, Viewer viewer, Model model) {
        UUID me = viewer.agent().map(Agent::id).orElse(null);
        List<CallCard> recent = cards(centre.ofCustomer(customer.id().value(), RECENT));
        List<PhoneLine> phones = new ArrayList<>();
        for (Identity identity : identities) {
            if (identity.type() == IdentifierType.PHONE) {
                CallCard live = recent.stream().filter(CallCard::live).filter(c -> sameNumber(c.caller(), identity.value())).findFirst()
                        .orElse(null);
                phones.add(new PhoneLine(identity.id(), identity.value(), live));
            }
        }
        List<CallCard> owed = List.of();
        boolean inWrapUp = false;
        if (me != null) {
            List<CallCard> mine = cards(centre.awaitingWrapUp(me));
            inWrapUp = mine.stream().anyMatch(CallCard::awaitingWrapUp);
            owed = conversation == null ? List.of()
                    : mine.stream().filter(CallCard::awaitingWrapUp).filter(c -> conversation.id().equals(c.conversationId())).toList();
        }
        model.addAttribute("callCustomer", customer.id().value());
        model.addAttribute("callConversation", conversation == null ? null : conversation.id());
        model.addAttribute("callPhones", phones);
        model.addAttribute("callOwed", owed);
        model.addAttribute("callInWrapUp", inWrapUp);
        model.addAttribute("callCanDial", me != null);
        model.addAttribute("callLive", phones.stream().anyMatch(p -> p.live() != null));
        model.addAttribute("outcomes", CallCentre.OUTCOMES);
        model.addAttribute("freshWrap", CallsController.WrapForm.FRESH);
    }

    /** Agents on a call ({@code onCall}) or owing a wrap-up ({@code wrapUp}), for the board. */
    Map<UUID, String> states() {
        Set<UUID> busy = centre.busyAgents();
        Map<UUID, String> states = new LinkedHashMap<>();
        for (UUID agent : busy) {
            List<Call> owed = centre.awaitingWrapUp(agent);
            boolean talking = owed.isEmpty() || owed.stream().anyMatch(c -> !c.ended());
            states.put(agent, talking ? "onCall" : "wrapUp");
        }
        return states;
    }

    /** Whether two ways of writing a number are the same number. */
    static boolean sameNumber(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.equals(b) || normal(a).equals(normal(b));
    }

    private static String normal(String number) {
        try {
            return Identifier.phone(number).value();
        } catch (RuntimeException e) {
            return number;
        }
    }
}
