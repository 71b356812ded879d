package io.temas.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with {@code COPY ... FROM STDIN (FORMAT binary)}: a row is a field
 * count followed by length-prefixed values in PostgreSQL's binary send format. Buffers about a
 * megabyte before handing it to the driver, so memory stays flat however many rows are sent.
 */
final class BinaryCopy implements AutoCloseable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch. */
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;
    private static final int TEXT_OID = 25;
    private static final int FLUSH_AT = 1 << 20;

    /** Marks a missing timestamp in the {@code long} fields of the generator. */
    static final long NO_TIME = Long.MIN_VALUE;

    private final CopyIn copy;
    private byte[] buffer = new byte[FLUSH_AT + (64 << 10)];
    private int position;
    private long rows;
    private boolean finished;

    BinaryCopy(Connection connection, String table, String columns) throws SQLException {
        copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)");
        bytes(SIGNATURE);
        int32(0);
        int32(0);
    }

    BinaryCopy row(int fields) {
        if (position >= FLUSH_AT) {
            flush();
        }
        int16(fields);
        rows++;
        return this;
    }

    BinaryCopy uuid(UUID value) {
        if (value == null) {
            return nul();
        }
        int32(16);
        int64(value.getMostSignificantBits());
        int64(value.getLeastSignificantBits());
        return this;
    }

    BinaryCopy text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        bytes(utf8);
        return this;
    }

    /** A {@code timestamptz} from epoch milliseconds; {@link #NO_TIME} writes null. */
    BinaryCopy timestamp(long epochMillis) {
        if (epochMillis == NO_TIME) {
            return nul();
        }
        int32(8);
        int64((epochMillis - POSTGRES_EPOCH_MILLIS) * 1000);
        return this;
    }

    BinaryCopy bool(boolean value) {
        int32(1);
        ensure(1);
        buffer[position++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A one-dimensional {@code text[]}; no values writes {@code '{}'}. */
    BinaryCopy textArray(String... values) {
        if (values.length == 0) {
            int32(12);
            int32(0);
            int32(0);
            int32(TEXT_OID);
            return this;
        }
        byte[][] encoded = new byte[values.length][];
        int length = 20;
        for (int i = 0; i < values.length; i++) {
            encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
            length += 4 + encoded[i].length;
        }
        int32(length);
        int32(1);
        int32(0);
        int32(TEXT_OID);
        int32(values.length);
        int32(1);
        for (byte[] value : encoded) {
            int32(value.length);
            bytes(value);
        }
        return this;
    }

    BinaryCopy nul() {
        int32(-1);
        return this;
    }

    long rows() {
        return rows;
    }

    /** Ends the COPY; answers the rows the server stored. */
    long finish() {
        int16(-1);
        flush();
        try {
            finished = true;
            return copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!finished && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the connection reports the original failure
            }
        }
    }

    private void flush() {
        if (position == 0) {
            return;
        }
        try {
            copy.writeToCopy(buffer, 0, position);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
        position = 0;
    }

    private void ensure(int n) {
        if (position + n > buffer.length) {
            flush();
            if (n > buffer.length) {
                buffer = new byte[n];
            }
        }
    }

    private void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, position, value.length);
        position += value.length;
    }

    private void int16(int value) {
        ensure(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[position++] = (byte) (value >>> shift);
        }
    }
}
