region        = "fra1"
do_token      = "dop_v1_7d236fec6beaf7367ae2779b93f7d8490cabecdcf9314f36c34cb8d287f34acc"
droplet_size  = "s-2vcpu-4gb"
access_key    = "AKIAO44XRVC4YSHHEVGA"
ami           = "ami-0c55b159cbfafe1f0"
tags          = { team = "platform", cost_center = "cc-4711" }
