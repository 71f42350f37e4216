package io.consentmesh.ingest.telnyx;

import java.util.List;
import java.util.UUID;

/**
 * Telnyx API v2 webhook bodies as Telnyx documents them (receiving-webhooks guide and the callback reference:
 * {@code {"data": {"event_type", "id", "occurred_at", "payload", "record_type"}, "meta": {...}}}), with the fields of
 * each payload it lists.
 */
final class TelnyxFixtures {

    /** The client_state of the fixtures' call events: Base64 of the tenant's own JSON, naming no decision. */
    static final String CLIENT_STATE = "eyJhbm5vdW5jZW1lbnQiOiJyZWNvcmRpbmctbm90aWNlIn0=";

    private static final String META =
            "\"meta\":{\"attempt\":1,\"delivered_to\":\"https://hooks.example.test/webhooks/telnyx\"}";

    private TelnyxFixtures() {}

    /** message.received: an inbound SMS on the messaging profile. */
    static String messageReceived(String eventId, String profile, String from, String to, String text) {
        return """
                {"data":{"event_type":"message.received","id":"%s","occurred_at":"2026-11-20T15:04:05.200+00:00",
                "payload":{"cc":[],"direction":"inbound","encoding":"GSM-7","errors":[],
                "from":{"carrier":"T-Mobile USA","line_type":"Wireless","phone_number":"%s"},
                "id":"%s","media":[],"messaging_profile_id":"%s","parts":1,"received_at":"2026-11-20T15:04:05.123+00:00",
                "record_type":"message","text":"%s",
                "to":[{"carrier":"Telnyx","line_type":"Wireless","phone_number":"%s","status":"webhook_delivered"}],
                "type":"SMS"},"record_type":"event"},%s}"""
                .formatted(eventId, from, UUID.randomUUID(), profile, text, to, META);
    }

    /**
     * message.sent or message.finalized of an outbound message from the tenant's number: each recipient with its
     * status ({@link #recipient}), the message's {@code errors[]} and the {@code tags} the tenant gave the send (JSON
     * arrays).
     */
    static String messageStatus(
            String type,
            String eventId,
            String profile,
            String messageId,
            String from,
            List<String> to,
            String errors,
            String tags) {
        return """
                {"data":{"event_type":"%s","id":"%s","occurred_at":"2026-11-20T15:04:09.148+00:00",
                "payload":{"completed_at":"2026-11-20T15:04:09.148+00:00","cost":{"amount":"0.0040","currency":"USD"},
                "direction":"outbound","encoding":"GSM-7","errors":%s,
                "from":{"carrier":"Telnyx","line_type":"Wireless","phone_number":"%s"},
                "id":"%s","media":[],"messaging_profile_id":"%s","parts":1,"record_type":"message",
                "sent_at":"2026-11-20T15:04:05.612+00:00","tags":%s,"tcr_campaign_id":"CBCD1EF",
                "text":"Your appointment is tomorrow at 10am. Reply STOP to opt out.","to":[%s],"type":"SMS",
                "valid_until":"2026-11-20T16:04:05.000+00:00","webhook_failover_url":null,
                "webhook_url":"https://hooks.example.test/webhooks/telnyx"},"record_type":"event"},%s}"""
                .formatted(type, eventId, errors, from, messageId, profile, tags, String.join(",", to), META);
    }

    /** One entry of a message's {@code to[]}. */
    static String recipient(String number, String status) {
        return """
                {"carrier":"T-MOBILE USA, INC.","line_type":"Wireless","phone_number":"%s","status":"%s"}"""
                .formatted(number, status);
    }

    /** Telnyx's error for a send to a recipient who replied STOP to the profile. */
    static String blockedDueToStop() {
        return "[{\"code\":\"40300\",\"title\":\"Blocked due to STOP message\","
                + "\"detail\":\"Messages cannot be sent due to an existing block rule.\"}]";
    }

    /**
     * A call lifecycle event (call.initiated, call.answered, call.hangup, call.recording.saved): the call-control ids
     * and the parties, plus {@code extra} fields of that type (each starting with a comma).
     */
    static String call(
            String type, String connection, String session, String from, String to, String direction, String extra) {
        return call(type, connection, session, from, to, direction, CLIENT_STATE, extra);
    }

    /** As above, with the {@code client_state} of the command the event answers. */
    static String call(
            String type,
            String connection,
            String session,
            String from,
            String to,
            String direction,
            String clientState,
            String extra) {
        return callControl(
                type,
                UUID.randomUUID().toString(),
                "2026-11-20T15:04:05.000+00:00",
                connection,
                session,
                clientState,
                """
                ,"direction":"%s","from":"%s","to":"%s","start_time":"2026-11-20T15:04:00.000+00:00","state":"parked"%s"""
                        .formatted(direction, from, to, extra));
    }

    /**
     * A call-control event that names only the call (call.playback.*, call.speak.*): no parties, no direction, as the
     * callback reference shows them; {@code fields} each start with a comma.
     */
    static String callControl(String type, String connection, String session, String fields) {
        return callControl(
                type, UUID.randomUUID().toString(), "2026-11-20T15:04:05.000+00:00", connection, session, fields);
    }

    static String callControl(
            String type, String eventId, String occurredAt, String connection, String session, String fields) {
        return callControl(type, eventId, occurredAt, connection, session, CLIENT_STATE, fields);
    }

    private static String callControl(
            String type,
            String eventId,
            String occurredAt,
            String connection,
            String session,
            String clientState,
            String fields) {
        return """
                {"data":{"event_type":"%s","id":"%s","occurred_at":"%s",
                "payload":{"call_control_id":"v3:%s","call_leg_id":"leg-%s","call_session_id":"%s",
                "client_state":"%s","connection_id":"%s"%s},
                "record_type":"event"},%s}"""
                .formatted(type, eventId, occurredAt, session, session, session, clientState, connection, fields, META);
    }
}
