package org.ottbalancer.monolith.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomMetadata;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;

/**
 * One loaded room: its watch-party state, its members and how to reach them. Confined to the
 * room manager's executor, so nothing here is synchronised.
 *
 * <p>A room-wide message goes out as exactly one untargeted {@code room_msg} per balancer link that
 * carries at least one member, plus one frame per direct member; the room therefore counts its
 * members per link.
 */
public final class Room {
    /** How many chat lines a room keeps. */
    public static final int CHAT_HISTORY = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoomName name;
    private final long loadEpoch;
    private final RoomHost host;
    private final Map<UUID, Member> members = new LinkedHashMap<>();
    private final Map<LinkChannel, Integer> membersPerLink = new HashMap<>();
    private final ArrayDeque<ChatMessage> chat = new ArrayDeque<>();
    private String title;
    private String description;
    private boolean temporary;
    private Visibility visibility;
    private String queueMode;
    private long revision;
    private static final int MAX_REMEMBERED_NAMES = 500;
    private Playback playback;
    /** Names people chose, by a hash of their session token, so a name survives a reconnect or a move. */
    private final java.util.Map<String, String> names = new java.util.LinkedHashMap<>();

    ScheduledFuture<?> saveTimer;
    ScheduledFuture<?> keepaliveTimer;
    boolean dirty;

    Room(SavedRoom saved, RoomName name, long loadEpoch, RoomHost host) {
        this.name = name;
        this.loadEpoch = loadEpoch;
        this.host = host;
        this.title = saved.title();
        this.description = saved.description();
        this.temporary = saved.isTemporary();
        this.visibility = Visibility.fromWire(saved.visibility());
        this.queueMode = saved.queueMode();
        this.revision = saved.revision();
        this.playback = saved.playback() == null ? Playback.initial(System.currentTimeMillis()) : saved.playback();
        names.putAll(saved.names());
        List<ChatMessage> history = saved.chat();
        for (int i = Math.max(0, history.size() - CHAT_HISTORY); i < history.size(); i++) {
            chat.add(history.get(i));
        }
    }

    public RoomName name() {
        return name;
    }

    public long loadEpoch() {
        return loadEpoch;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public boolean isTemporary() {
        return temporary;
    }

    public Visibility visibility() {
        return visibility;
    }

    public String queueMode() {
        return queueMode;
    }

    public long revision() {
        return revision;
    }

    public Playback playback() {
        return playback;
    }

    public List<ChatMessage> chat() {
        return List.copyOf(chat);
    }

    public Collection<Member> members() {
        return Collections.unmodifiableCollection(members.values());
    }

    public int userCount() {
        return members.size();
    }

    // ---------------------------------------------------------------- state changes (each saved)

    public void setTitle(String newTitle) {
        this.title = newTitle;
        changed();
    }

    public void setPlayback(Playback next) {
        this.playback = next;
        changed();
    }

    /** Records the name a member chose, for this and later sessions with the same token. */
    public void rename(Member member, String newName) {
        member.rename(newName);
        names.remove(member.userKey());
        names.put(member.userKey(), newName);
        while (names.size() > MAX_REMEMBERED_NAMES) {
            names.remove(names.keySet().iterator().next());
        }
        changed();
    }

    public void addChat(ChatMessage message) {
        chat.addLast(message);
        while (chat.size() > CHAT_HISTORY) {
            chat.removeFirst();
        }
        changed();
    }

    private void changed() {
        revision++;
        host.changed(this);
    }

    // ---------------------------------------------------------------- sending

    /** Sends {@code payload} to every member: one untargeted room_msg per link, one frame per direct client. */
    public void broadcast(RawJson payload) {
        if (!membersPerLink.isEmpty()) {
            M2B.RoomMsg msg = M2B.RoomMsg.broadcast(name, payload);
            for (LinkChannel link : membersPerLink.keySet()) {
                link.send(msg);
            }
        }
        for (Member m : members.values()) {
            if (m.channel().link().isEmpty()) {
                m.channel().send(name, m.id(), payload);
            }
        }
    }

    /** Sends {@code payload} to one member only. */
    public void send(Member member, RawJson payload) {
        member.channel().send(name, member.id(), payload);
    }

    /** Kicks a member with {@code code}; the rest of the room is told it left. */
    public void kick(Member member, int code) {
        host.kick(member, code);
    }

    // ---------------------------------------------------------------- membership (manager only)

    Member add(UUID id, ClientChannel channel, String token) {
        String key = UserKeys.of(token);
        Member m = new Member(id, channel, this, key, names.get(key));
        members.put(id, m);
        channel.link().ifPresent(l -> membersPerLink.merge(l, 1, Integer::sum));
        return m;
    }

    void remove(Member m) {
        if (members.remove(m.id()) == null) {
            return;
        }
        m.channel().link().ifPresent(l -> membersPerLink.computeIfPresent(l, (k, n) -> n == 1 ? null : n - 1));
    }

    Member member(UUID id) {
        return members.get(id);
    }

    // ---------------------------------------------------------------- views

    /** The room as balancers see it in {@code loaded} and {@code gossip}. */
    public RoomMetadata metadata() {
        return new RoomMetadata(name, jsonString(title), jsonString(description),
                RawJson.of(Boolean.toString(temporary)), visibility, jsonString(queueMode), currentSource(),
                RawJson.of(Integer.toString(members.size())));
    }

    /** The video being watched as a small object, or JSON null. */
    public RawJson currentSource() {
        if (playback.videoId() == null) {
            return RawJson.NULL;
        }
        return RawJson.of("{\"service\":\"direct\",\"id\":" + jsonString(playback.videoId()).text() + "}");
    }

    /** Everything that is persisted for this room. */
    public SavedRoom snapshot() {
        return new SavedRoom(name.value(), title, description, temporary, visibility.wire(), queueMode, revision,
                playback, List.copyOf(chat), java.util.Map.copyOf(names));
    }

    private static RawJson jsonString(String s) {
        try {
            return RawJson.of(JSON.writeValueAsString(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }
}
