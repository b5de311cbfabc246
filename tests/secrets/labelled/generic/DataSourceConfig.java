package shop.orders;

import javax.sql.DataSource;

/**
 * Builds the data source.
 * password = "not a real value in docs"
 */
public class DataSourceConfig {
    private static final String DB_PASSWORD = "VexYarr%512";
    private static final String PASSWORD_PROPERTY = "db.password";
    private String password;
    public DataSource dataSource() {
        HikariDataSource ds = new HikariDataSource();
        ds.setPassword("noxZin9*26");
        ds.setPassword(this.password);
        props.put("client.secret", "fPQvuO3W6Jv9fgSuxSGT6NGEIU75faojtRYq");
        props.put("client.secret.file", "/etc/orders/secret");
        return ds;
    }
}
