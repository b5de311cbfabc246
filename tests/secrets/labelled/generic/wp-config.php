<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', 'fj0rdpl8_893' );
define( 'DB_HOST', 'db:3306' );
define( 'AUTH_KEY',         '[3UUWPO?&OD<3L[i,(vC2golmz1o,?=(9aBN8zCt_@5&#*+3cFE9EP}MK?vERQl,' );
define( 'SECURE_AUTH_KEY',  ';7TzmG1#yfU438I@hb7|PDjiaCuW5JL8Cq(p41Q~hH//ccz;=zNU+|0n&G63?@D&' );
define( 'LOGGED_IN_KEY',    'X3:w;5TAOqhUTR13V|cSTXA2*~^7j*45h/snUd1v-,GYSr5G+/38dxtNY9J1/:G1' );
define( 'NONCE_SALT',       '2E?S?2s;Pvrh1~(eX~1euT&AoeiMNSgFdyi@wfrv%eHKNBddU19EmjUvLq+V~soe' );
define( 'WP_DEBUG', false );
$table_prefix = 'wp_';
