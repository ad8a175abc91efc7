package org.ottbalancer.monolith.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.ottbalancer.monolith.rooms.ChatMessage;
import org.ottbalancer.monolith.rooms.Member;
import org.ottbalancer.monolith.rooms.Room;
import org.ottbalancer.monolith.rooms.RoomApp;
import org.ottbalancer.protocol.RawJson;

/**
 * The watch party: named users, chat, and a shared player. Client actions:
 * <ul>
 *   <li>{@code {"action":"req","request":{"type":11,"text":"..."}}} — chat (OTT's request type 11;
 *       {@code "type":"chat"} works too)</li>
 *   <li>{@code {"action":"req","request":{"type":"play"}}}, {@code "pause"},
 *       {@code {"type":"seek","position":12.5}}, {@code {"type":"set_video","videoId":"..."}}</li>
 *   <li>{@code {"action":"req","request":{"type":"set_name","name":"..."}}} and
 *       {@code {"type":"set_title","title":"..."}}</li>
 *   <li>{@code {"action":"status"}} — answers with a fresh {@code sync}</li>
 *   <li>{@code {"action":"kickme","reason":4005}} — the server closes this client with that code</li>
 * </ul>
 * Anything else is answered with an {@code error} message to the sender.
 */
public final class WatchPartyApp extends GreetingApp {
    /** OTT's request type number for chat. */
    public static final int REQUEST_CHAT = 11;
    static final int MAX_CHAT_LENGTH = 1000;
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_TITLE_LENGTH = 255;
    static final int MAX_VIDEO_ID_LENGTH = 200;

    @Override
    public boolean persistsChanges() {
        return true;
    }

    @Override
    public void message(Room room, Member member, RawJson payload) {
        Optional<ClientRequest> parsed = ClientRequest.parseOrTell(room, member, payload);
        if (parsed.isEmpty()) {
            return;
        }
        ClientRequest request = parsed.get();
        switch (request.action()) {
            case "req" -> request(room, member, request.body().path("request"));
            case "status" -> room.send(member, Messages.sync(room, System.currentTimeMillis()));
            case "kickme" -> Greetings.kickme(room, member, request);
            default -> room.send(member, Messages.error("unknown action \"" + request.action() + "\""));
        }
    }

    private void request(Room room, Member member, JsonNode req) {
        JsonNode type = req.path("type");
        String kind;
        if (type.isInt() && type.asInt() == REQUEST_CHAT) {
            kind = "chat";
        } else if (type.isTextual()) {
            kind = type.asText();
        } else {
            room.send(member, Messages.error("req.request.type must be 11 (chat) or one of play, pause, seek, "
                    + "set_video, set_name, set_title; got " + type));
            return;
        }
        long now = System.currentTimeMillis();
        switch (kind) {
            case "chat" -> {
                Optional<String> text = text(req, "text", MAX_CHAT_LENGTH);
                if (text.isEmpty() || text.get().isBlank()) {
                    room.send(member, Messages.error("chat text must be a non-empty string of at most " + MAX_CHAT_LENGTH + " characters"));
                    return;
                }
                ChatMessage c = new ChatMessage(member.id().toString(), member.name(), text.get(), now);
                room.addChat(c);
                room.broadcast(Messages.chat(c));
            }
            case "play" -> {
                room.setPlayback(room.playback().play(now));
                room.broadcast(Messages.playbackChanged(room, now));
            }
            case "pause" -> {
                room.setPlayback(room.playback().pause(now));
                room.broadcast(Messages.playbackChanged(room, now));
            }
            case "seek" -> {
                JsonNode position = req.path("position");
                if (!position.isNumber() || !Double.isFinite(position.asDouble()) || position.asDouble() < 0) {
                    room.send(member, Messages.error("seek position must be a number of seconds >= 0"));
                    return;
                }
                room.setPlayback(room.playback().seek(position.asDouble(), now));
                room.broadcast(Messages.playbackChanged(room, now));
            }
            case "set_video" -> {
                Optional<String> id = text(req, "videoId", MAX_VIDEO_ID_LENGTH);
                if (id.isEmpty() || id.get().isBlank()) {
                    room.send(member, Messages.error("set_video needs a videoId string of 1-" + MAX_VIDEO_ID_LENGTH + " characters"));
                    return;
                }
                room.setPlayback(room.playback().withVideo(id.get().trim(), now));
                room.broadcast(Messages.playbackChanged(room, now));
            }
            case "set_name" -> {
                Optional<String> name = text(req, "name", MAX_NAME_LENGTH);
                if (name.isEmpty() || name.get().isBlank()) {
                    room.send(member, Messages.error("set_name needs a name string of 1-" + MAX_NAME_LENGTH + " characters"));
                    return;
                }
                room.rename(member, name.get().trim());
                room.broadcast(Messages.userChanged(member));
            }
            case "set_title" -> {
                Optional<String> title = text(req, "title", MAX_TITLE_LENGTH);
                if (title.isEmpty()) {
                    room.send(member, Messages.error("set_title needs a title string of at most " + MAX_TITLE_LENGTH + " characters"));
                    return;
                }
                room.setTitle(title.get());
                room.broadcast(Messages.settingsChanged(room));
            }
            default -> room.send(member, Messages.error("unknown request type \"" + kind + "\""));
        }
    }

    private static Optional<String> text(JsonNode req, String field, int maxLength) {
        JsonNode v = req.path(field);
        if (!v.isTextual() || v.asText().length() > maxLength) {
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }
}
