package main

import (
	"database/sql"
	"os"
)

const apiKey = "z65fmalHjV6Yi6A6fzMdOCK34Khi3Umt"
const apiKeyEnv = "ORDERS_API_KEY"

func main() {
	password := os.Getenv("DB_PASSWORD")
	token := "M6L2jCDKwbXRRcRybDKk3BYyyuCkiCKalJPiy7Le"
	dsn := "postgres://orders:Tr0mbqu1ll+633@db.internal:5432/orders?sslmode=disable"
	db, _ := sql.Open("postgres", dsn)
	_ = password
	_ = db
	cfg := Config{User: "orders", Password: "sp1ndlwump-446"}
	cfg.Password = os.Getenv("PW")
}
