package dev.overlord.persistence.spawns;

import static dev.overlord.persistence.SqlValues.setInstant;

import dev.overlord.persistence.DataAccessException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/** The spawn heatmap over the spawn time series; blocks on JDBC, throws {@link DataAccessException}. */
public final class SpawnQueries {

    private final DataSource dataSource;

    public SpawnQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Spawns seen since {@code since}, counted per square bin of {@code binSize} map units; the
     * {@code maxCells} busiest bins, busiest first (ties by position, so answers are stable).
     */
    public List<HeatCell> heatmap(Instant since, double binSize, int maxCells) {
        if (!(binSize > 0) || Double.isInfinite(binSize)) {
            throw new IllegalArgumentException("binSize must be a positive number, got " + binSize);
        }
        String sql = "SELECT bin_ew, bin_ns, COUNT(*) AS hits FROM ("
                + " SELECT FLOOR(ew / ?) AS bin_ew, FLOOR(ns / ?) AS bin_ns FROM spawn_events WHERE ts >= ?) bins"
                + " GROUP BY bin_ew, bin_ns ORDER BY hits DESC, bin_ew, bin_ns LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, binSize);
            ps.setDouble(2, binSize);
            setInstant(ps, 3, since);
            ps.setInt(4, maxCells);
            List<HeatCell> cells = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cells.add(new HeatCell(
                            corner(rs.getDouble(1), binSize), corner(rs.getDouble(2), binSize), rs.getLong(3)));
                }
            }
            return cells;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the spawn heatmap", e);
        }
    }

    /** A bin's corner in map units, computed in decimal so a 0.1 bin gives 10.2 rather than 10.200000000000001. */
    private static double corner(double binIndex, double binSize) {
        return BigDecimal.valueOf(binIndex)
                .multiply(BigDecimal.valueOf(binSize))
                .doubleValue();
    }
}
