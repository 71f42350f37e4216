package io.consentmesh.ingest.webhooks;

import io.consentmesh.contracts.http.Problem;
import io.consentmesh.runtime.http.ProblemException;

/** A correctly signed webhook whose content we cannot turn into an event; answered 400. */
public class MalformedWebhookException extends ProblemException {

    public MalformedWebhookException(String detail) {
        super(Problem.of(400, "malformed-webhook", "The webhook cannot be understood", detail));
    }
}
