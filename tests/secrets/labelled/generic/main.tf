resource "aws_db_instance" "orders" {
  engine   = "postgres"
  username = "orders"
  password = "VexGl1tz.888"
}
resource "random_password" "db" {
  length = 24
}
resource "aws_db_instance" "reports" {
  password = random_password.db.result
  password = var.db_password
}
variable "api_token" {
  type      = string
  sensitive = true
  default   = "G9Vx2Y3xFWPgAFxLIZ2hUklHc3CYDeg9oCuiJA81"
}
