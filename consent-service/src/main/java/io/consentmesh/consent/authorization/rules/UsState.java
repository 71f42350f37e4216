package io.consentmesh.consent.authorization.rules;

/** The 50 states and the District of Columbia, by USPS code; the jurisdictions of the state rule table. */
public enum UsState {
    AL,
    AK,
    AZ,
    AR,
    CA,
    CO,
    CT,
    DE,
    DC,
    FL,
    GA,
    HI,
    ID,
    IL,
    IN,
    IA,
    KS,
    KY,
    LA,
    ME,
    MD,
    MA,
    MI,
    MN,
    MS,
    MO,
    MT,
    NE,
    NV,
    NH,
    NJ,
    NM,
    NY,
    NC,
    ND,
    OH,
    OK,
    OR,
    PA,
    RI,
    SC,
    SD,
    TN,
    TX,
    UT,
    VT,
    VA,
    WA,
    WV,
    WI,
    WY;

    /** @return the state with this USPS code (any case), or null when there is none */
    public static UsState ofCode(String code) {
        if (code == null || code.length() != 2) {
            return null;
        }
        for (UsState state : values()) {
            if (state.name().equalsIgnoreCase(code)) {
                return state;
            }
        }
        return null;
    }
}
