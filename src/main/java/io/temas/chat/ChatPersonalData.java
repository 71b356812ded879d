package io.temas.chat;

import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.customers.PersonalData;
import io.temas.customers.PersonalRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Chat sessions of the person (those that became one of their conversations, or where they left one of their
 * addresses in the pre-chat form) and their transcripts. Erasure keeps each session's state, times, outcome and rating,
 * which the chat figures count, and removes the name, addresses, origin page, rating comment and every line's text and
 * data (the bot's lines quote the visitor too).
 */
@Component
class ChatPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Customers customers;

    ChatPersonalData(JdbcClient jdbc, Customers customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @Override
    public String kind() {
        return "chat";
    }

    @Override
    public List<Map<String, Object>> export(CustomerId customer) {
        UUID[] sessions = sessions(customer);
        List<Map<String, Object>> rows = new ArrayList<>(PersonalRows.plain(jdbc.sql("""
                        select 'session' as record, id, name, email, phone, language, origin, state, conversation_id, outcome, rating,
                        rating_comment, created_at, ended_at from chat_sessions where id = any(?) order by created_at, id""")
                .param(sessions).query().listOfRows()));
        rows.addAll(PersonalRows.plain(jdbc.sql("""
                        select 'line' as record, session_id, seq, type, sender, text, data::text as data, created_at
                        from chat_events where session_id = any(?) order by session_id, seq""")
                .param(sessions).query().listOfRows()));
        return rows;
    }

    /** The visitors' profiles of chats where the person's address was given (the chat's conversation belongs to them). */
    @Override
    public List<CustomerId> related(CustomerId customer) {
        return jdbc.sql("""
                        select distinct c.customer_id from chat_sessions s join conversations c on c.id = s.conversation_id
                        where s.id = any(?) and c.customer_id <> ?""")
                .params(sessions(customer), customer.value()).query(UUID.class).list().stream().map(CustomerId::new).toList();
    }

    @Override
    public void erase(CustomerId customer) {
        UUID[] sessions = sessions(customer);
        jdbc.sql("""
                        update chat_sessions set name = null, email = null, phone = null, origin = null, rating_comment = null
                        where id = any(?)""")
                .param(sessions).update();
        jdbc.sql("update chat_events set text = null, data = null where session_id = any(?)").param(sessions).update();
    }

    private UUID[] sessions(CustomerId customer) {
        String[] forms = customers.addressForms(customer).stream().map(f -> f.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
        return jdbc.sql("""
                        select id from chat_sessions
                        where conversation_id in (select id from conversations where customer_id = ?)
                        or lower(email) = any(?) or phone = any(?)""")
                .params(customer.value(), forms, forms).query(UUID.class).list().toArray(UUID[]::new);
    }
}
