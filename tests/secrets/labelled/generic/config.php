<?php
return [
    'db' => [
        'host' => 'db.internal',
        'user' => 'orders',
        'password' => 'Kazfj0rd*449',
    ],
    'mail_password' => getenv('MAIL_PASSWORD'),
    'recaptcha_api_key' => 'f6o6vacnzz41m00Qu0bO7IuUHedOIVsuHVQizIpn',
];
$password = "wumpVex!526";
$password = $_POST["password"];
