package io.wechatadvisor.decisions.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * An append-only journal of decision rows: the embedded database's durability point, and where its
 * records' JSON stays. A group of rows is appended with one write, and a record counts as kept once
 * that write returned: the bytes are in the operating system's cache, so they survive {@code kill -9}
 * of the process (as a commit of H2 with {@code WRITE_DELAY=0} does; neither forces them to the disk,
 * see docs/operations.md). The database row of a record then holds its frame's {@linkplain #position
 * position} instead of the JSON: 2.8 KB of text per record in H2's pages cost more than the rest of
 * an answer (docs/performance.md).
 * <p>
 * The journal is a folder of segments, {@code 0000000001.journal}, {@code 0000000002.journal}, …; the
 * writer starts a new one past {@link #SEGMENT_BYTES}; a segment is deleted once no stored record is
 * in it (after the retention purge). Each row is a frame: its length, a CRC-32 of its bytes, its bytes.
 * Reading stops at the first frame that is cut short or does not match its CRC (a write a kill
 * interrupted): every frame before it is whole. An erased frame is all zeros under a CRC that matches
 * them: read, it is no row. Not thread-safe: one writer thread appends; readers and erasure open
 * segments of their own.
 */
final class DecisionJournal implements AutoCloseable {

    /** A segment is closed once it holds more than this. */
    static final long SEGMENT_BYTES = 32L << 20;
    private static final String SUFFIX = ".journal";
    private static final int MAX_FRAME = 16 << 20;

    /** The group buffer grows to the largest group; past this it is dropped after the write. */
    private static final int KEPT_BUFFER_BYTES = 4 << 20;

    /** A row and where its frame is. */
    record Frame(long position, DecisionRow row) {
    }

    private final Path folder;
    private final CRC32 crc = new CRC32();
    private ByteBuffer buffer = ByteBuffer.allocate(256 << 10);
    private volatile long segment;
    private FileChannel channel;

    /** Opens a journal in {@code folder}, appending to a new segment after any already there. */
    DecisionJournal(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        List<Long> existing = segments(folder);
        this.segment = existing.isEmpty() ? 0 : existing.get(existing.size() - 1);
        roll();
    }

    /** The segment the next append goes to. */
    long segment() {
        return segment;
    }

    Path folder() {
        return folder;
    }

    /** A frame's position: its segment in the high 32 bits, its offset in the segment in the low 32. */
    static long position(long segment, long offset) {
        return segment << 32 | offset;
    }

    static long segmentOf(long position) {
        return position >>> 32;
    }

    static long offsetOf(long position) {
        return position & 0xFFFF_FFFFL;
    }

    /** Appends rows with one write; answers each row's frame. Starts a new segment when this one is full. */
    List<Frame> append(List<DecisionRow> rows) throws IOException {
        if (channel.size() > SEGMENT_BYTES) {
            channel.close();
            roll();
        }
        long start = channel.position();
        List<Frame> frames = new ArrayList<>(rows.size());
        buffer.clear();
        for (DecisionRow row : rows) {
            frames.add(new Frame(position(segment, start + buffer.position()), row));
            frame(row);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (buffer.capacity() > KEPT_BUFFER_BYTES) {
            buffer = ByteBuffer.allocate(KEPT_BUFFER_BYTES);
        }
        return frames;
    }

    /** Puts one row's frame into the buffer: its length and CRC-32 once its bytes are in place behind them. */
    private void frame(DecisionRow row) {
        int start = buffer.position();
        buffer = encode(room(buffer, 8).position(start + 8), row);
        int length = buffer.position() - start - 8;
        crc.reset();
        crc.update(buffer.array(), start + 8, length);
        buffer.putInt(start, length);
        buffer.putInt(start + 4, (int) crc.getValue());
    }

    /** Deletes every segment before {@code segment}: no stored record is in them. */
    void deleteBefore(long segment) throws IOException {
        for (long old : segments(folder)) {
            if (old < segment) {
                Files.deleteIfExists(file(folder, old));
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void roll() throws IOException {
        segment++;
        channel = FileChannel.open(file(folder, segment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** The segment numbers in {@code folder}, oldest first. */
    static List<Long> segments(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d{10}\\" + SUFFIX))
                    .map(n -> Long.parseLong(n.substring(0, 10))).sorted().toList();
        }
    }

    static Path file(Path folder, long segment) {
        return folder.resolve(String.format("%010d%s", segment, SUFFIX));
    }

    /** The rows of one segment, in order. */
    static List<DecisionRow> read(Path segment) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(segment))) {
            return read(in);
        }
    }

    /** The rows of a stream, in order, up to the end or the first frame cut short or damaged. */
    static List<DecisionRow> read(InputStream stream) throws IOException {
        return frames(stream, 0, -1).stream().map(Frame::row).toList();
    }

    /**
     * The rows of segment {@code segment} of {@code folder} whose frames lie after position {@code after},
     * with their positions, in order; the frames before are skipped unread (at start, what is stored already).
     */
    static List<Frame> frames(Path folder, long segment, long after) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file(folder, segment)))) {
            return frames(in, segment, after);
        }
    }

    /**
     * The rows of a stream holding segment {@code segment} whose frames lie after position {@code after},
     * with their positions, in order, up to the end or the first frame cut short or damaged; erased frames
     * are skipped.
     */
    private static List<Frame> frames(InputStream stream, long segment, long after) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        List<Frame> frames = new ArrayList<>();
        long offset = 0;
        while (true) {
            try {
                int length = in.readInt();
                int expected = in.readInt();
                if (length < 0 || length > MAX_FRAME) {
                    return frames;
                }
                long position = position(segment, offset);
                offset += 8 + length;
                if (position <= after) {
                    in.skipNBytes(length);
                    continue;
                }
                byte[] frame = in.readNBytes(length);
                DecisionRow row = frame.length < length ? null : intact(frame, expected);
                if (row == null) {
                    return frames;
                }
                if (!isErased(row)) {
                    frames.add(new Frame(position, row));
                }
            } catch (EOFException e) {
                return frames;
            }
        }
    }

    /** The row of a frame's bytes if they match their CRC, else null. */
    private static DecisionRow intact(byte[] frame, int expectedCrc) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(frame);
        return (int) crc.getValue() == expectedCrc ? decode(frame) : null;
    }

    /** An erased frame decodes to a row with the nil id. */
    private static boolean isErased(DecisionRow row) {
        return row.decisionId().getMostSignificantBits() == 0 && row.decisionId().getLeastSignificantBits() == 0;
    }

    /**
     * Reads rows by position, keeping the segment it read last open. Not thread-safe; one per reading
     * thread, closed after.
     */
    static final class Reader implements AutoCloseable {

        private final Path folder;
        private long segment = -1;
        private FileChannel channel;

        Reader(Path folder) {
            this.folder = folder;
        }

        /** The row whose frame is at {@code position}; empty if it was erased or its segment deleted. */
        Optional<DecisionRow> at(long position) throws IOException {
            long wanted = segmentOf(position);
            if (wanted != segment) {
                close();
                try {
                    channel = FileChannel.open(file(folder, wanted), StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
                segment = wanted;
            }
            long offset = offsetOf(position);
            ByteBuffer head = head(channel, offset);
            if (head == null) {
                return Optional.empty();
            }
            ByteBuffer frame = ByteBuffer.allocate(head.getInt(0));
            if (!readFully(channel, frame, offset + 8)) {
                return Optional.empty();
            }
            DecisionRow row = intact(frame.array(), head.getInt(4));
            return row == null || isErased(row) ? Optional.empty() : Optional.of(row);
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            segment = -1;
        }
    }

    /**
     * Erases the frames at these positions: overwrites each one's bytes with zeros (and its CRC with
     * theirs), then forces the segment to the disk.
     */
    static void erase(Path folder, List<Long> positions) throws IOException {
        Map<Long, List<Long>> bySegment = new TreeMap<>();
        for (long position : positions) {
            bySegment.computeIfAbsent(segmentOf(position), s -> new ArrayList<>()).add(offsetOf(position));
        }
        for (Map.Entry<Long, List<Long>> segment : bySegment.entrySet()) {
            Path file = file(folder, segment.getKey());
            if (!Files.exists(file)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (long offset : segment.getValue()) {
                    ByteBuffer head = head(channel, offset);
                    if (head == null) {
                        continue;
                    }
                    byte[] zeros = new byte[head.getInt(0)];
                    CRC32 crc = new CRC32();
                    crc.update(zeros);
                    writeFully(channel, ByteBuffer.wrap(zeros), offset + 8);
                    writeFully(channel, ByteBuffer.allocate(4).putInt(0, (int) crc.getValue()), offset + 4);
                }
                channel.force(false);
            }
        }
    }

    /** The length and CRC of the frame at {@code offset}, or null if there is no such frame. */
    private static ByteBuffer head(FileChannel channel, long offset) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8);
        if (!readFully(channel, head, offset)) {
            return null;
        }
        int length = head.getInt(0);
        return length < 0 || length > MAX_FRAME ? null : head;
    }

    /** Reads {@code bytes.remaining()} bytes at {@code at}; false if the file ends before. */
    private static boolean readFully(FileChannel channel, ByteBuffer bytes, long at) throws IOException {
        while (bytes.hasRemaining()) {
            int read = channel.read(bytes, at + bytes.position());
            if (read < 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long at) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes, at + bytes.position());
        }
    }

    /** A row's frame bytes (without length and CRC). */
    static byte[] encode(DecisionRow row) {
        ByteBuffer bytes = encode(ByteBuffer.allocate(row.json().length() + 256), row);
        return Arrays.copyOf(bytes.array(), bytes.position());
    }

    /** Puts a row's frame bytes into {@code bytes} at its position; answers it, or a larger copy if it was full. */
    private static ByteBuffer encode(ByteBuffer bytes, DecisionRow row) {
        bytes = room(bytes, 28);
        bytes.putLong(row.decisionId().getMostSignificantBits());
        bytes.putLong(row.decisionId().getLeastSignificantBits());
        bytes.putLong(row.decidedAt().getEpochSecond());
        bytes.putInt(row.decidedAt().getNano());
        for (String text : new String[] { row.tenant(), row.channel(), row.externalId(), row.primary(),
                row.rulesVersion(), row.json(), row.facets().entityType(), row.facets().utmSource() }) {
            bytes = putText(bytes, text);
        }
        bytes = room(bytes, 4).putInt(row.facets().unmetNeeds().size());
        for (String need : row.facets().unmetNeeds()) {
            bytes = putText(bytes, need);
        }
        return bytes;
    }

    /** {@code bytes}, or a copy with at least {@code needed} bytes free after its position. */
    private static ByteBuffer room(ByteBuffer bytes, int needed) {
        if (bytes.remaining() >= needed) {
            return bytes;
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * bytes.capacity(), (long) bytes.position() + needed));
        ByteBuffer larger = ByteBuffer.allocate(capacity);
        return larger.put(bytes.flip());
    }

    static DecisionRow decode(byte[] frame) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
        UUID id = new UUID(in.readLong(), in.readLong());
        Instant decidedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String[] texts = new String[8];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = readText(in);
        }
        int needs = in.readInt();
        List<String> unmet = new ArrayList<>(needs);
        for (int i = 0; i < needs; i++) {
            unmet.add(readText(in));
        }
        return new DecisionRow(id, texts[0], decidedAt, texts[1], texts[2], texts[3], texts[4], texts[5],
                new DecisionRow.Facets(texts[6], texts[7], List.copyOf(unmet)));
    }

    /**
     * A text as its UTF-8 bytes after their count, or, when it holds a surrogate (which UTF-8 cannot
     * carry unpaired), as its UTF-16 chars after -2 minus their count; null is -1.
     */
    private static ByteBuffer putText(ByteBuffer bytes, String text) {
        if (text == null) {
            return room(bytes, 4).putInt(-1);
        }
        if (hasSurrogate(text)) {
            bytes = room(bytes, 4 + 2 * text.length()).putInt(-2 - text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes.putChar(text.charAt(i));
            }
            return bytes;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return room(bytes, 4 + utf8.length).putInt(utf8.length).put(utf8);
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < -1) {
            if (-2L - length > in.available() / 2) {
                throw new EOFException();
            }
            char[] chars = new char[-2 - length];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = in.readChar();
            }
            return new String(chars);
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length < length) {
            throw new EOFException();
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
