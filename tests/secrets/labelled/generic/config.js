'use strict';
module.exports = {
  port: process.env.PORT || 3000,
  apiKey: '3IzCHH02kS042aJtPtufxNKp1js3AUI6',
  apiKeyHeader: "x-api-key",
  dbPassword: process.env.DB_PASSWORD,
  adminPassword: "Zin9Gl1tz%196",
  sessionSecret: process.env.SESSION_SECRET || "",
};
const clientSecret = 'ZSMP5sb9ZRSVLJtN9jNkWfw0xEnVKrhC0pRExGjK';
const tokenUrl = `${base}/oauth/token`;
const authHeader = `Bearer ${token}`;
const accessToken = `O34xUTCzCKGJ6mWRdKIiwDTa3UaXMrMxgWVoiwS4sMFW`;
function login(user, password) { return api.post("/login", { user, password }); }
auth.setPassword("qu1llmOrt4#966");
if (password === "") { throw new Error("password required"); }
const PASSWORD_REGEX = /^(?=.*[A-Z]).{12,}$/;
headers: { Authorization: "token Rcut0BRJ6OqjWsvMZRvxuzCx4rarODhz395kMuf7" },
