"""Django settings for the notifier service."""
import os

DEBUG = False
ALLOWED_HOSTS = ["notify.acme.invalid"]
SLACK_BOT_TOKEN = "xoxb-598504551207-9975067065888-TIub1YefWbdzdhTSwrr2YjBi"
SLACK_APP_TOKEN = "xapp-1-AXL1H50PESM-2399382324796-d68efd3cfa425c4d8727c8e72ca97eb8ea44f05f5e365fe4fb2908b2356a6019"
ALERTS_WEBHOOK = "https://hooks.slack.com/services/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"
# Slack's own docs use https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
DISCORD_WEBHOOK = "https://discord.com/api/webhooks/9010343189057487091/o5QsOhHcWQ6t8mTpmn8DYC1TU3tjcEKjqRnhcXcGelEScmSNGcTnwOqe5vRLIt22ElfZ"
DISCORD_BOT_TOKEN = "OTQzODQ3NTY4MjA5OTc5Njc5MA.3Xy4q9.tgs7Y9YWCWx2NSeIcPpPXzQvi0eSC7Umteek5v"
TELEGRAM_BOT = "1396369431:AAPzdjzPppX7kmbzbPF8joLfv-Uk83l0lPx"
TEAMS_WEBHOOK = "https://contosozxqq.webhook.office.com/webhookb2/0df9cd5e-8303-1724-aef0-3354324038a8@51277225-a53d-3bf0-0f81-a30fa00c4066/IncomingWebhook/6c7da4df3e1320b9f9cb989784d62264/fcd61312-7cfd-2510-e43c-d5b2207fe9a5"
TWILIO_API_KEY_SID = "SKdd28ca1a92fefb7ad55415eac1a31036"
TWILIO_FROM = "+15005550006"
SERVICE_JWT = "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiQkhENG5MUXR2UzQyIiwgImlhdCI6IDE2OTU5OTE0ODAsICJuYW1lIjogInN2Yy1kcnJ2aSJ9.K7AZ6xP8e0EX_tKNpwR9JE8lNsR6fzg8h15wd_L4wLk"

def header_marker():
    # a JWT always starts with eyJ (base64 of '{"')
    return "eyJ"
