package io.temas.conversations;

import io.temas.channels.InboundAttachment;
import io.temas.platform.FileStore;
import io.temas.shared.Ids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Attachments of messages: metadata in the database, bytes content-addressed in the file store. */
@Component
public class Attachments {

    private final JdbcClient jdbc;
    private final FileStore files;
    private final Ids ids;

    Attachments(JdbcClient jdbc, FileStore files, Ids ids) {
        this.jdbc = jdbc;
        this.files = files;
        this.ids = ids;
    }

    /** Stores a message's attachments (bytes first, so a row never points at nothing). */
    public void store(UUID messageId, List<InboundAttachment> attachments) {
        for (InboundAttachment attachment : attachments) {
            String sha = files.put(attachment.content());
            jdbc.sql("""
                            insert into attachments (id, message_id, filename, content_type, size, sha256, inline_id)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(ids.next(), messageId, attachment.filename() == null ? "attachment" : attachment.filename(),
                            attachment.contentType() == null ? "application/octet-stream" : attachment.contentType(),
                            attachment.content().length, sha, attachment.inlineId())
                    .update();
        }
    }

    public List<Attachment> ofConversation(UUID conversationId) {
        return jdbc.sql("""
                        select a.* from attachments a join messages m on m.id = a.message_id where m.conversation_id = ? order by a.id""")
                .param(conversationId).query((rs, n) -> attachment(rs)).list();
    }

    public Optional<Attachment> find(UUID id) {
        return jdbc.sql("select * from attachments where id = ?").param(id).query((rs, n) -> attachment(rs)).optional();
    }

    public Optional<byte[]> content(Attachment attachment) {
        return files.get(attachment.sha256());
    }

    private static Attachment attachment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Attachment(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class), rs.getString("filename"),
                rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"), rs.getString("inline_id"));
    }
}
