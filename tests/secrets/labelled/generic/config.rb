Rails.application.configure do
  config.force_ssl = true
  config.action_mailer.smtp_settings = { user_name: "orders", password: "pl8pl8%329" }
  config.secret_key_base = ENV["SECRET_KEY_BASE"]
end
STRIPE = { :api_key => "bFwfOnEWIig0bW5cZokAXIaBxjBJr36X" }
Stripe.api_key = ENV.fetch("STRIPE_KEY")
