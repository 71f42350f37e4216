package io.consentmesh.consent.consents.keypad;

import io.consentmesh.contracts.envelope.TenantId;
import io.consentmesh.contracts.telephony.KeypadInputReceived;
import io.consentmesh.runtime.http.ProblemException;
import io.consentmesh.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The keys of a tenant's IVR menus that stop contact (issue 17, item 5). */
@Path("/v1/keypad-opt-out/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class KeypadOptOutResource {

    /** The keys that can be a menu choice: one or two of them, as call-ingest publishes key presses. */
    private static final Pattern MENU_CHOICE = Pattern.compile("[0-9*#A-D]{1," + KeypadInputReceived.MOST_KEYS + "}");

    /** @param digits the menu choices that stop contact, e.g. ["9"]; empty: none */
    public record KeypadOptOut(String tenantId, List<String> digits) {}

    /** @param digits the menu choices that stop contact */
    public record KeypadOptOutChange(List<String> digits) {}

    private final KeypadOptOuts optOuts;

    KeypadOptOutResource(KeypadOptOuts optOuts) {
        this.optOuts = optOuts;
    }

    @GET
    @Operation(summary = "The keys of the tenant's IVR menus that stop contact (empty: none)")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.PRIVACY_OPS, Roles.AUDITOR})
    public Uni<KeypadOptOut> get(@PathParam("tenantId") String tenantId) {
        TenantId tenant = tenant(tenantId);
        return optOuts.digits(tenant).map(digits -> new KeypadOptOut(tenant.value(), digits));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the keys of the tenant's IVR menus that stop contact: a press of one is a revocation,"
                    + " enforced brand-wide (400 when a key is not a one- or two-key menu choice)")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    public Uni<KeypadOptOut> put(@PathParam("tenantId") String tenantId, KeypadOptOutChange change) {
        TenantId tenant = tenant(tenantId);
        if (change == null || change.digits() == null) {
            throw ProblemException.invalidRequest("a body {\"digits\": [\"9\"]} is required");
        }
        List<String> digits = change.digits().stream().distinct().toList();
        for (String choice : digits) {
            if (choice == null || !MENU_CHOICE.matcher(choice).matches()) {
                throw ProblemException.invalidRequest(
                        "digits: each is one or two keys of 0-9, *, #, A-D (a menu choice)");
            }
        }
        if (digits.size() > 12) {
            throw ProblemException.invalidRequest("digits: at most 12 menu choices");
        }
        return optOuts.replace(tenant, digits, Instant.now()).chain(() -> get(tenantId));
    }

    private static TenantId tenant(String tenantId) {
        try {
            return new TenantId(tenantId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidRequest("tenantId: " + e.getMessage());
        }
    }
}
