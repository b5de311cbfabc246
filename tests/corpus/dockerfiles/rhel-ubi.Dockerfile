FROM registry.access.redhat.com/ubi9/ubi-minimal:9.3
RUN microdnf install -y shadow-utils python3.11 && microdnf clean all
RUN microdnf install -y nodejs
FROM registry.access.redhat.com/ubi9/ubi:9.3
RUN yum install -y httpd-2.4.57 mod_ssl && yum clean all
RUN dnf install -y ruby && dnf clean all \
 && gem install bundler -v 2.5.6 \
 && gem install rails puma:6.4.2
RUN npm install express lodash@4.17.21 ./local-pkg
RUN useradd -u 5000000 svc
USER svc
CMD ["httpd", "-DFOREGROUND"]
