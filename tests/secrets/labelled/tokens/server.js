'use strict';
const { BlobServiceClient } = require('@azure/storage-blob');

const conn = 'DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=dQ8+IfTFCK+TQ2ariEuifBf/bLBCs3BMV7N3/CpB2umrajWYKTOLS+qEo9yhAdf+jwgJ27r+5Jc3vDX7KcvxIg==;EndpointSuffix=core.windows.net';
const bus = 'Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=FcNNil3eq3sWZuzi6qv1sOGzbBSrW4Y5SH6xANVec+8=';
const blobUrl = 'https://acmeprod.blob.core.windows.net/exports/daily.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&spr=https&sig=4HPeZGQ5eK8JGUFvmBntmLigEGIq35tuaUSX4jxc7yE%3D';
const publicUrl = 'https://acmeprod.blob.core.windows.net/public/logo.png?sv=2022-11-02&sp=r';
const clientSecret = 'Axa4Q~3fD0_bDDUqYUlWuR_uJVaW90uhuI5t6f4a';
const adoPat = 'NWwWgtUbfoNkteuui2e0c7tZY71juOsgHMAuAw4H8FmCUEO9K5IWe37FHYMX7prXO7Lmw15FtaRAAZDOA8Ik';
const bearer = 'Bearer ya29.p2ZKpXsVGMmZ0JHq-BgXeS4AkDcY3OIAcjz_w1k4V77tYzLNFNTct3nny2eiqr2MdC-8d6B86jKkaOvx5yQ8QkCNHaQ_GAf7z8AZhVsYpo3Z1qA0wGnwhKJD';
mapboxgl.accessToken = 'sk.eyJ1IjogInVzZXJtbGt3IiwgImEiOiAibTFjanRoZ3JpdXN0MXVyYmVtb2c2dzZ3MCJ9.JudT4uy0tVsCwBAeUB4cRK';
const dbx = new Dropbox({ accessToken: 'sl.kPSB5tCngc1a8g170-HnEfwW1_BXKpATMf54tdMUc6Y2IZ-ZNQ7tnjGlrb556Zv2jjFsCbAtSFfy5-FoOTwCxtL90xtsAcHxpsqyKi_esj57tvrBiRk9KAVYt9ZISsPAeECyjj91mmQ' });
const tls = require('fs').readFileSync('/etc/ssl.d/server.crt');
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
module.exports = { conn, bus };
