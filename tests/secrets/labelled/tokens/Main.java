package com.acme.sync;

public final class Main {
    private static final String NOTION = "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";
    private static final String NOTION_OLD = "secret_85yH0XygKrsPiLtZm1MzmHghB3ogSzhlfFO1ZVJvBc1";
    private static final String AIRTABLE = "patxMRL6JwLemRtxa.e5b7261d2a2b2513abe4b79162745348d59001381ab059ce47348ca2d79eb1a5";
    private static final String FIGMA = "figd_QnSePACmH-1XHbRV_Xn1cvyIdJ7HIp3XjgpimdvR";
    private static final String CONTENTFUL = "CFPAT-DGRYuZn8ASPXI59UhMJERqLQ1gszz6aablA9kYdGDnm";
    static final String OP_SERVICE_ACCOUNT = "ops_eyJzaWduSW5BZGRyZXNzIjogIm15LjFwYXNzd29yZC5pbnZhbGlkIiwgInVzZXJBdXRoIjogeyJtZXRob2QiOiAiU1JQZy00MDk2IiwgImFsZyI6ICJQQkVTMmctSFMyNTYiLCAiaXRlcmF0aW9ucyI6IDY1MDAwMCwgInNhbHQiOiAidnU1MkVROWNJTDhPTEluSVJZYVJDRSJ9LCAiZW1haWwiOiAiempma3l3b21kcUBzZXJ2aWNlYWNjb3VudC5pbnZhbGlkIiwgInNycFgiOiAiMWMzZjJhZWI2MzZlMDkyNDM1MTU2YmU1Zjk5ZWNiOGFhNzZhNDdjN2RjZTk1NzhiYmRhZmE4MmUzMGJjMTYyYiIsICJtdWsiOiB7ImFsZyI6ICJBMjU2R0NNIiwgImV4dCI6IHRydWUsICJrIjogIkNqb1FPa3FQS2pXVmptcEtpV0J2Z1VUamQyMXdWNXljdXZ6ZzBLWFVYdkEiLCAia2V5X29wcyI6IFsiZW5jcnlwdCIsICJkZWNyeXB0Il0sICJrdHkiOiAib2N0IiwgImtpZCI6ICJtcCJ9LCAic2VjcmV0S2V5IjogIkEzLTVENkZGUCIsICJ0aHJvdHRsZVNlY3JldCI6IHsic2VlZCI6ICI0Y2I2NDVhMGYwY2ZhNDExMmJkZmU2MTBlODg3ZmZiMTY0MGM4NDlkYzI5YTI1NDQ5ZWIwYTBkODQ0ZTBkYmExIiwgImRldmljZVV1aWQiOiAibjV2eXhvbXlpYnlwaWtkMmk2ZW05c3UzZzMifSwgImRldmljZVV1aWQiOiAic2MxcW9sZTd2NDY5YXczbWxpczNvdHF3bTUifQ";
    static final String OP_ACCOUNT_KEY = "A3-WACIC1-3WRMGI-TKJH6-7G08N-NEYVR-W5KNY";
    static final String AGE_IDENTITY = "AGE-SECRET-KEY-1PY3SW20P77LWTV3V5ZSLHNZAAJ7CPEDQ3CL2SXRRHJ5UYREUMA8QS30LNG";
    static final String AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    static final String PATTERN = "secret_[A-Za-z0-9]{43}";
    public static void main(String[] args) {
        System.out.println("sync " + java.util.UUID.randomUUID());
    }
}
