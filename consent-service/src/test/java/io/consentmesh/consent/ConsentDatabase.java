package io.consentmesh.consent;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the consent schema over JDBC, so tests can check exactly what was written. */
public final class ConsentDatabase {

    private ConsentDatabase() {}

    public static long count(AgroalDataSource db, String sql, Object... params) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as text, or null when there is no row or the value is null. */
    public static String text(AgroalDataSource db, String sql, Object... params) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many ledger records of a kind the test tenant holds for a subject. */
    public static long evidence(AgroalDataSource db, String subjectId, String kind) {
        return count(
                db,
                "SELECT count(*) FROM consent.evidence WHERE tenant_id = 'acme' AND subject_id = ? AND kind = ?",
                subjectId,
                kind);
    }
}
