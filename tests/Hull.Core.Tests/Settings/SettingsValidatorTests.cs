using Hull.Settings;

namespace Hull.Core.Tests.Settings;

public sealed class SettingsValidatorTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{'motd':'hi'}")]
    [InlineData("{'motd':''}")]
    [InlineData("{'ntp':{}}")]
    [InlineData("{'ntp':{'time-servers':['pool.ntp.org','169.254.169.123','fd00::1','https://time.example']}}")]
    [InlineData("{'ntp':{'options':['minpoll','1','maxpoll','2','iburst']}}")]
    [InlineData("{'ntp':{'options':['iburst','minpoll 4','maxpoll 4','prefer']}}")]
    [InlineData("{'network':{'hostname':'node-1.example.com'}}")]
    [InlineData("{'network':{'hostname':'a'}}")]
    [InlineData("{'network':{'hosts':[['10.0.0.1',['db','db.local']],['::1',['localhost6']]]}}")]
    [InlineData("{'network':{'http-proxy':'http://proxy:3128','https-proxy':'proxy.example:3128'}}")]
    [InlineData("{'network':{'https-proxy':'[fd00::1]:3128'}}")]
    [InlineData("{'network':{'no-proxy':['localhost','.example.com','*.corp','10.0.0.0/8','fd00::/8','127.0.0.1','*']}}")]
    [InlineData("{'dns':{'name-servers':['1.1.1.1','2606:4700:4700::1111'],'search-list':['example.com','corp.example.']}}")]
    [InlineData("{'kernel':{'sysctl':{'net.ipv4.ip_forward':'1','vm.max_map_count':'262144','net.ipv4.conf.eth-0.rp_filter':'2'}}}")]
    [InlineData("{'kernel':{'lockdown':'none'}}")]
    [InlineData("{'kernel':{'lockdown':'confidentiality'}}")]
    [InlineData("{'kernel':{'modules':{'sctp':{'allowed':false},'nf_conntrack':{'allowed':true}}}}")]
    [InlineData("{'boot':{'kernel-parameters':{'console':['ttyS0','tty0'],'systemd.log_level':['debug']},'reboot-to-reconcile':true}}")]
    [InlineData("{'boot':{'init-parameters':{'log_level':['debug']}}}")]
    [InlineData("{'container-registry':{'mirrors':[{'registry':'docker.io','endpoint':['https://mirror.example','http://10.0.0.2:5000']},{'registry':'*','endpoint':['https://all.example']}]}}")]
    [InlineData("{'container-registry':{'credentials':[{'registry':'docker.io','username':'u','password':'p'},{'registry':'ghcr.io','auth':'dTpw'},{'registry':'ecr','identitytoken':'tok'}]}}")]
    [InlineData("{'host-containers':{'admin':{'source':'public.ecr.aws/bottlerocket/bottlerocket-admin:v0.11.0','enabled':true,'superpowered':true,'user-data':'eyJzc2giOnt9fQ=='}}}")]
    [InlineData("{'host-containers':{'my-tool':{'source':'localhost:5000/team/tool@{DIGEST}'}}}")]
    [InlineData("{'host-containers':{'control':{'source':'nginx'}}}")]
    [InlineData("{'workloads':{'web':{'image':'10.0.2.2:5000/web:1','command':['/bin/busybox'],'args':['httpd','-f'],'env':{'GREETING':'hi','_x1':''},'ports':[{'container-port':8080,'host-port':80,'protocol':'tcp'},{'container-port':53,'protocol':'udp'}],'replicas':3,'restart-policy':'on-failure','cpus':'0.5','memory':'256Mi','user':'1000:1000','read-only-root':true}}}")]
    [InlineData("{'workloads':{'w':{'image':'nginx','replicas':0,'cpus':'2','memory':'4194304','user':'0'}}}")]
    [InlineData("{'workloads':{'w':{'image':'nginx','user-namespace':true}}}")]
    [InlineData("{'workloads':{'w':{'command':['/bin/sh','-c','echo one\\necho two']}}}")]
    [InlineData("{'workloads':{'w':{'volumes':[{'name':'data','path':'/var/lib/data'},{'name':'conf','path':'/etc/app','read-only':true}]}}}")]
    [InlineData("{'workloads':{'w':{'health-check':{'type':'http','path':'/healthz','port':8080,'interval-seconds':5,'timeout-seconds':1,'retries':2,'start-period-seconds':30}}}}")]
    [InlineData("{'workloads':{'w':{'health-check':{'type':'exec','command':['/bin/check']}}}}")]
    [InlineData("{'bootstrap-containers':{'setup':{'source':'ghcr.io/x/setup:1','mode':'once','essential':true,'user-data':''}}}")]
    [InlineData("{'updates':{'metadata-base-url':'https://u.example/m/','targets-base-url':'http://u.example/t/','seed':2047,'version-lock':'v1.20.3','ignore-waves':true}}")]
    [InlineData("{'updates':{'seed':0,'version-lock':'latest'}}")]
    [InlineData("{'pki':{'my-ca':{'data':'{CERT64}','trusted':true}}}")]
    [InlineData("{'pki':{'old-ca':{'data':'','trusted':false}}}")]
    [InlineData("{'oci-defaults':{'capabilities':{'chown':true,'net-bind-service':false,'sys-admin':false}}}")]
    [InlineData("{'oci-defaults':{'resource-limits':{'max-open-files':{'soft-limit':1024,'hard-limit':'unlimited'},'max-processes':{'hard-limit':0}}}}")]
    [InlineData("{'api':{'remote':{'enabled':true,'port':8443,'server-certificate':'{CERT}','server-key':'{KEY}','client-ca':'{CERT}'}}}")]
    public void Validate_ValidPatch_ReturnsNoErrors(string patch)
    {
        SettingsValidator.Validate(SettingsSamples.Json(patch)).ShouldBeEmpty();
    }

    [Theory]
    // motd
    [InlineData("{'motd':5}", "settings.motd", nameof(SettingsErrorKind.WrongType), "expected a string, got a number")]
    [InlineData("{'motd':'{LONG}'}", "settings.motd", nameof(SettingsErrorKind.InvalidValue), "the limit is 4096")]
    // ntp
    [InlineData("{'ntp':{'time-servers':['a b']}}", "settings.ntp.time-servers", nameof(SettingsErrorKind.InvalidValue), "item 0: \"a b\" is not a time server")]
    [InlineData("{'ntp':{'time-servers':'pool.ntp.org'}}", "settings.ntp.time-servers", nameof(SettingsErrorKind.WrongType), "expected an array of strings, got a string")]
    [InlineData("{'ntp':{'time-servers':['ok.example',3]}}", "settings.ntp.time-servers", nameof(SettingsErrorKind.WrongType), "item 1: expected a string, got a number")]
    [InlineData("{'ntp':{'options':['a\\nb']}}", "settings.ntp.options", nameof(SettingsErrorKind.InvalidValue), "single line")]
    [InlineData("{'ntp':{'options':['burst']}}", "settings.ntp.options", nameof(SettingsErrorKind.InvalidValue), "\"burst\" is not an option Hull's time sync supports (it takes iburst, prefer, minpoll N, maxpoll N)")]
    [InlineData("{'ntp':{'options':['iburst','minpoll 8','maxpoll','6']}}", "settings.ntp.options", nameof(SettingsErrorKind.InvalidValue), "\"minpoll 8\" is above \"maxpoll 6\"")]
    [InlineData("{'ntp':{'options':['minpoll']}}", "settings.ntp.options", nameof(SettingsErrorKind.InvalidValue), "\"minpoll\" needs a number")]
    [InlineData("{'ntp':{'servers':[]}}", "settings.ntp.servers", nameof(SettingsErrorKind.UnknownKey), "unknown setting (known under settings.ntp: options, time-servers)")]
    // network
    [InlineData("{'network':{'hostname':'my host'}}", "settings.network.hostname", nameof(SettingsErrorKind.InvalidValue), "\"my host\" is not a valid hostname (RFC 1123")]
    [InlineData("{'network':{'hostname':'-bad'}}", "settings.network.hostname", nameof(SettingsErrorKind.InvalidValue), "labels of 1-63 characters")]
    [InlineData("{'network':{'hostname':'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example'}}", "settings.network.hostname", nameof(SettingsErrorKind.InvalidValue), "RFC 1123")]
    [InlineData("{'network':{'hostname':true}}", "settings.network.hostname", nameof(SettingsErrorKind.WrongType), "expected a string, got a boolean")]
    [InlineData("{'network':{'hosts':[['10.0.0.300',['a']]]}}", "settings.network.hosts", nameof(SettingsErrorKind.InvalidValue), "item 0: \"10.0.0.300\" is not an IP address")]
    [InlineData("{'network':{'hosts':[['10.0.0.1','a']]}}", "settings.network.hosts", nameof(SettingsErrorKind.WrongType), "expected an array of strings, got a string")]
    [InlineData("{'network':{'hosts':[['10.0.0.1']]}}", "settings.network.hosts", nameof(SettingsErrorKind.WrongType), "[address, [hostnames]] pair")]
    [InlineData("{'network':{'http-proxy':'not a proxy'}}", "settings.network.http-proxy", nameof(SettingsErrorKind.InvalidValue), "is not a proxy (an http(s) URL, or host:port)")]
    [InlineData("{'network':{'https-proxy':'proxy:0'}}", "settings.network.https-proxy", nameof(SettingsErrorKind.InvalidValue), "host:port")]
    [InlineData("{'network':{'no-proxy':['a b']}}", "settings.network.no-proxy", nameof(SettingsErrorKind.InvalidValue), "a no-proxy entry")]
    [InlineData("{'network':{'hostname':'a','foo':{'bar':1}}}", "settings.network.foo", nameof(SettingsErrorKind.UnknownKey), "unknown setting")]
    // dns
    [InlineData("{'dns':{'name-servers':['1.1.1']}}", "settings.dns.name-servers", nameof(SettingsErrorKind.InvalidValue), "is not an IP address (dotted-quad IPv4 or IPv6)")]
    [InlineData("{'dns':{'name-servers':['dns.google']}}", "settings.dns.name-servers", nameof(SettingsErrorKind.InvalidValue), "an IP address")]
    [InlineData("{'dns':{'search-list':['bad_domain.com']}}", "settings.dns.search-list", nameof(SettingsErrorKind.InvalidValue), "is not a domain name")]
    // kernel
    [InlineData("{'kernel':{'sysctl':{'net..ipv4':'1'}}}", "settings.kernel.sysctl.\"net..ipv4\"", nameof(SettingsErrorKind.InvalidName), "is not a valid sysctl name")]
    [InlineData("{'kernel':{'sysctl':{'net/ipv4/ip_forward':'1'}}}", "settings.kernel.sysctl.\"net/ipv4/ip_forward\"", nameof(SettingsErrorKind.InvalidName), "no '/' or '..'")]
    [InlineData("{'kernel':{'sysctl':{'kernel':'1'}}}", "settings.kernel.sysctl.kernel", nameof(SettingsErrorKind.InvalidName), "at least two")]
    [InlineData("{'kernel':{'sysctl':{'net.ipv4.ip_forward':1}}}", "settings.kernel.sysctl.\"net.ipv4.ip_forward\"", nameof(SettingsErrorKind.WrongType), "expected a string, got a number")]
    [InlineData("{'kernel':{'sysctl':{'kernel.core_pattern':'a\\nb'}}}", "settings.kernel.sysctl.\"kernel.core_pattern\"", nameof(SettingsErrorKind.InvalidValue), "single line")]
    [InlineData("{'kernel':{'lockdown':'full'}}", "settings.kernel.lockdown", nameof(SettingsErrorKind.InvalidValue), "\"full\" is not one of \"none\", \"integrity\", \"confidentiality\"")]
    [InlineData("{'kernel':{'modules':{'Bad':{'allowed':true}}}}", "settings.kernel.modules.Bad", nameof(SettingsErrorKind.InvalidName), "is not a valid module name")]
    [InlineData("{'kernel':{'modules':{'sctp':{'allowed':'yes'}}}}", "settings.kernel.modules.sctp.allowed", nameof(SettingsErrorKind.WrongType), "expected a boolean, got a string")]
    [InlineData("{'kernel':{'modules':{'sctp':{'autoload':true}}}}", "settings.kernel.modules.sctp.autoload", nameof(SettingsErrorKind.UnknownKey), "known under settings.kernel.modules.sctp: allowed")]
    [InlineData("{'kernel':'x'}", "settings.kernel", nameof(SettingsErrorKind.WrongType), "expected a table, got a string")]
    // boot
    [InlineData("{'boot':{'kernel-parameters':{'console':'ttyS0'}}}", "settings.boot.kernel-parameters.console", nameof(SettingsErrorKind.WrongType), "expected an array of strings, got a string")]
    [InlineData("{'boot':{'kernel-parameters':{'console':['a b']}}}", "settings.boot.kernel-parameters.console", nameof(SettingsErrorKind.InvalidValue), "a kernel parameter value")]
    [InlineData("{'boot':{'kernel-parameters':{'bad name':['x']}}}", "settings.boot.kernel-parameters.\"bad name\"", nameof(SettingsErrorKind.InvalidName), "kernel parameter name")]
    [InlineData("{'boot':{'reboot-to-reconcile':'true'}}", "settings.boot.reboot-to-reconcile", nameof(SettingsErrorKind.WrongType), "expected a boolean, got a string")]
    // container-registry
    [InlineData("{'container-registry':{'mirrors':[{'registry':'docker.io','endpoint':['ftp://x']}]}}", "settings.container-registry.mirrors", nameof(SettingsErrorKind.InvalidValue), "item 0: field endpoint: item 0: \"ftp://x\" is not an http(s) URL")]
    [InlineData("{'container-registry':{'mirrors':[{'endpoint':['https://x']}]}}", "settings.container-registry.mirrors", nameof(SettingsErrorKind.InvalidValue), "missing required field registry")]
    [InlineData("{'container-registry':{'mirrors':[{'registry':'d','endpoint':['https://x'],'priority':1}]}}", "settings.container-registry.mirrors", nameof(SettingsErrorKind.UnknownKey), "unknown field priority (known: registry, endpoint)")]
    [InlineData("{'container-registry':{'mirrors':{'registry':'x'}}}", "settings.container-registry.mirrors", nameof(SettingsErrorKind.WrongType), "expected an array of tables, got a table")]
    [InlineData("{'container-registry':{'credentials':[{'registry':'d','auth':'***'}]}}", "settings.container-registry.credentials", nameof(SettingsErrorKind.InvalidValue), "field auth: \"***\" is not base64")]
    [InlineData("{'container-registry':{'credentials':[{'registry':'a b'}]}}", "settings.container-registry.credentials", nameof(SettingsErrorKind.InvalidValue), "is not a registry name")]
    // workloads
    [InlineData("{'workloads':{'Web':{'image':'nginx'}}}", "settings.workloads.Web", nameof(SettingsErrorKind.InvalidName), "is not a valid container name")]
    [InlineData("{'workloads':{'web':{'user-namespace':'yes'}}}", "settings.workloads.web.user-namespace", nameof(SettingsErrorKind.WrongType), "expected a boolean, got a string")]
    [InlineData("{'workloads':{'web':{'image':'Not A Ref'}}}", "settings.workloads.web.image", nameof(SettingsErrorKind.InvalidValue), "is not an OCI image reference")]
    [InlineData("{'workloads':{'web':{'args':['a\\u0000b']}}}", "settings.workloads.web.args", nameof(SettingsErrorKind.InvalidValue), "contains a NUL character")]
    [InlineData("{'workloads':{'web':{'volumes':[{'name':'Data','path':'/d'}]}}}", "settings.workloads.web.volumes", nameof(SettingsErrorKind.InvalidValue), "a volume name")]
    [InlineData("{'workloads':{'web':{'volumes':[{'name':'d','path':'/a/../etc'}]}}}", "settings.workloads.web.volumes", nameof(SettingsErrorKind.InvalidValue), "an absolute path in the container")]
    [InlineData("{'workloads':{'web':{'volumes':[{'name':'d','path':'/'}]}}}", "settings.workloads.web.volumes", nameof(SettingsErrorKind.InvalidValue), "other than /")]
    [InlineData("{'workloads':{'web':{'volumes':[{'name':'d'}]}}}", "settings.workloads.web.volumes", nameof(SettingsErrorKind.InvalidValue), "missing required field path")]
    [InlineData("{'workloads':{'web':{'health-check':{'type':'grpc'}}}}", "settings.workloads.web.health-check.type", nameof(SettingsErrorKind.InvalidValue), "is not one of")]
    [InlineData("{'workloads':{'web':{'health-check':{'path':'healthz'}}}}", "settings.workloads.web.health-check.path", nameof(SettingsErrorKind.InvalidValue), "an absolute URL path")]
    [InlineData("{'workloads':{'web':{'health-check':{'retries':0}}}}", "settings.workloads.web.health-check.retries", nameof(SettingsErrorKind.InvalidValue), "out of range")]
    [InlineData("{'workloads':{'web':{'replicas':65}}}", "settings.workloads.web.replicas", nameof(SettingsErrorKind.InvalidValue), "65 is out of range (0 to 64)")]
    [InlineData("{'workloads':{'web':{'replicas':'2'}}}", "settings.workloads.web.replicas", nameof(SettingsErrorKind.WrongType), "expected an integer")]
    [InlineData("{'workloads':{'web':{'ports':[{'host-port':80}]}}}", "settings.workloads.web.ports", nameof(SettingsErrorKind.InvalidValue), "container-port")]
    [InlineData("{'workloads':{'web':{'ports':[{'container-port':70000}]}}}", "settings.workloads.web.ports", nameof(SettingsErrorKind.InvalidValue), "70000 is out of range")]
    [InlineData("{'workloads':{'web':{'ports':[{'container-port':80,'protocol':'sctp'}]}}}", "settings.workloads.web.ports", nameof(SettingsErrorKind.InvalidValue), "\"sctp\" is not one of")]
    [InlineData("{'workloads':{'web':{'env':{'1X':'a'}}}}", "settings.workloads.web.env.1X", nameof(SettingsErrorKind.InvalidName), "environment variable name")]
    [InlineData("{'workloads':{'web':{'restart-policy':'sometimes'}}}", "settings.workloads.web.restart-policy", nameof(SettingsErrorKind.InvalidValue), "is not one of")]
    [InlineData("{'workloads':{'web':{'cpus':'0.001'}}}", "settings.workloads.web.cpus", nameof(SettingsErrorKind.InvalidValue), "a number of CPUs")]
    [InlineData("{'workloads':{'web':{'cpus':'-1'}}}", "settings.workloads.web.cpus", nameof(SettingsErrorKind.InvalidValue), "a number of CPUs")]
    [InlineData("{'workloads':{'web':{'memory':'1Mi'}}}", "settings.workloads.web.memory", nameof(SettingsErrorKind.InvalidValue), "at least 4Mi")]
    [InlineData("{'workloads':{'web':{'memory':'1GB'}}}", "settings.workloads.web.memory", nameof(SettingsErrorKind.InvalidValue), "a memory size")]
    [InlineData("{'workloads':{'web':{'user':'root'}}}", "settings.workloads.web.user", nameof(SettingsErrorKind.InvalidValue), "a numeric user id")]
    [InlineData("{'workloads':{'web':{'privileged':true}}}", "settings.workloads.web.privileged", nameof(SettingsErrorKind.UnknownKey), "unknown setting")]

    // host-containers
    [InlineData("{'host-containers':{'Admin':{'enabled':true}}}", "settings.host-containers.Admin", nameof(SettingsErrorKind.InvalidName), "is not a valid container name")]
    [InlineData("{'host-containers':{'admin':{'source':'Not A Ref'}}}", "settings.host-containers.admin.source", nameof(SettingsErrorKind.InvalidValue), "is not an OCI image reference")]
    [InlineData("{'host-containers':{'admin':{'source':'Docker.io/Library/X'}}}", "settings.host-containers.admin.source", nameof(SettingsErrorKind.InvalidValue), "repository in lower case")]
    [InlineData("{'host-containers':{'admin':{'user-data':'%%%'}}}", "settings.host-containers.admin.user-data", nameof(SettingsErrorKind.InvalidValue), "is not base64")]
    [InlineData("{'host-containers':{'admin':{'enabled':1}}}", "settings.host-containers.admin.enabled", nameof(SettingsErrorKind.WrongType), "expected a boolean, got a number")]
    [InlineData("{'host-containers':{'admin':{'superpowered':null}}}", "settings.host-containers.admin.superpowered", nameof(SettingsErrorKind.WrongType), "expected a boolean, got null")]
    [InlineData("{'host-containers':{'admin':{'privileged':true}}}", "settings.host-containers.admin.privileged", nameof(SettingsErrorKind.UnknownKey), "unknown setting")]
    [InlineData("{'host-containers':{'admin':'x'}}", "settings.host-containers.admin", nameof(SettingsErrorKind.WrongType), "expected a table, got a string")]
    // bootstrap-containers
    [InlineData("{'bootstrap-containers':{'setup':{'mode':'sometimes'}}}", "settings.bootstrap-containers.setup.mode", nameof(SettingsErrorKind.InvalidValue), "is not one of \"always\", \"once\", \"off\"")]
    [InlineData("{'bootstrap-containers':{'setup':{'essential':'no'}}}", "settings.bootstrap-containers.setup.essential", nameof(SettingsErrorKind.WrongType), "expected a boolean")]
    [InlineData("{'bootstrap-containers':{'-x':{'mode':'off'}}}", "settings.bootstrap-containers.-x", nameof(SettingsErrorKind.InvalidName), "starting with a letter or digit")]
    [InlineData("{'bootstrap-containers':{'setup':{'source':'a b'}}}", "settings.bootstrap-containers.setup.source", nameof(SettingsErrorKind.InvalidValue), "OCI image reference")]
    // updates
    [InlineData("{'updates':{'seed':2048}}", "settings.updates.seed", nameof(SettingsErrorKind.InvalidValue), "2048 is out of range (0 to 2047)")]
    [InlineData("{'updates':{'seed':-1}}", "settings.updates.seed", nameof(SettingsErrorKind.InvalidValue), "out of range (0 to 2047)")]
    [InlineData("{'updates':{'seed':1.5}}", "settings.updates.seed", nameof(SettingsErrorKind.WrongType), "expected an integer, got a number")]
    [InlineData("{'updates':{'seed':'7'}}", "settings.updates.seed", nameof(SettingsErrorKind.WrongType), "expected an integer, got a string")]
    [InlineData("{'updates':{'version-lock':'1.2'}}", "settings.updates.version-lock", nameof(SettingsErrorKind.InvalidValue), "\"latest\" or a version like 1.2.3")]
    [InlineData("{'updates':{'metadata-base-url':'ftp://x'}}", "settings.updates.metadata-base-url", nameof(SettingsErrorKind.InvalidValue), "is not an http or https URL")]
    [InlineData("{'updates':{'targets-base-url':'/relative'}}", "settings.updates.targets-base-url", nameof(SettingsErrorKind.InvalidValue), "http or https URL")]
    [InlineData("{'updates':{'ignore-waves':null}}", "settings.updates.ignore-waves", nameof(SettingsErrorKind.WrongType), "expected a boolean, got null")]
    // pki
    [InlineData("{'pki':{'my-ca':{'data':'aGVsbG8='}}}", "settings.pki.my-ca.data", nameof(SettingsErrorKind.InvalidValue), "is not base64 of PEM certificates: it has no -----BEGIN CERTIFICATE----- block")]
    [InlineData("{'pki':{'my-ca':{'data':'{CERT}'}}}", "settings.pki.my-ca.data", nameof(SettingsErrorKind.InvalidValue), "is not base64 of PEM certificates: it is not base64")]
    [InlineData("{'pki':{'my-ca':{'data':'{KEY64}','trusted':true}}}", "settings.pki.my-ca.data", nameof(SettingsErrorKind.InvalidValue), "is not base64 of PEM certificates: block 1 is a PRIVATE KEY, not a CERTIFICATE")]
    [InlineData("{'pki':{'My_CA':{'trusted':true}}}", "settings.pki.My_CA", nameof(SettingsErrorKind.InvalidName), "certificate bundle name")]
    [InlineData("{'pki':{'my-ca':{'trusted':'yes'}}}", "settings.pki.my-ca.trusted", nameof(SettingsErrorKind.WrongType), "expected a boolean")]
    // oci-defaults
    [InlineData("{'oci-defaults':{'capabilities':{'cap-chown':true}}}", "settings.oci-defaults.capabilities.cap-chown", nameof(SettingsErrorKind.InvalidName), "is not a valid capability")]
    [InlineData("{'oci-defaults':{'capabilities':{'chown':'yes'}}}", "settings.oci-defaults.capabilities.chown", nameof(SettingsErrorKind.WrongType), "expected a boolean")]
    [InlineData("{'oci-defaults':{'resource-limits':{'max-files':{'soft-limit':1}}}}", "settings.oci-defaults.resource-limits.max-files", nameof(SettingsErrorKind.InvalidName), "one of max-address-space")]
    [InlineData("{'oci-defaults':{'resource-limits':{'max-open-files':{'soft-limit':-1}}}}", "settings.oci-defaults.resource-limits.max-open-files.soft-limit", nameof(SettingsErrorKind.InvalidValue), "-1 is not a limit")]
    [InlineData("{'oci-defaults':{'resource-limits':{'max-open-files':{'soft-limit':'infinite'}}}}", "settings.oci-defaults.resource-limits.max-open-files.soft-limit", nameof(SettingsErrorKind.InvalidValue), "\"infinite\" is not a limit")]
    [InlineData("{'oci-defaults':{'resource-limits':{'max-open-files':{'hard-limit':true}}}}", "settings.oci-defaults.resource-limits.max-open-files.hard-limit", nameof(SettingsErrorKind.WrongType), "expected an integer or \"unlimited\", got a boolean")]
    [InlineData("{'oci-defaults':{'resource-limits':{'max-open-files':{'limit':1}}}}", "settings.oci-defaults.resource-limits.max-open-files.limit", nameof(SettingsErrorKind.UnknownKey), "hard-limit, soft-limit")]
    // api.remote
    [InlineData("{'api':{'remote':{'port':0}}}", "settings.api.remote.port", nameof(SettingsErrorKind.InvalidValue), "0 is out of range (1 to 65535)")]
    [InlineData("{'api':{'remote':{'port':70000}}}", "settings.api.remote.port", nameof(SettingsErrorKind.InvalidValue), "out of range (1 to 65535)")]
    [InlineData("{'api':{'remote':{'port':'443'}}}", "settings.api.remote.port", nameof(SettingsErrorKind.WrongType), "expected an integer, got a string")]
    [InlineData("{'api':{'remote':{'server-key':'{CERT}'}}}", "settings.api.remote.server-key", nameof(SettingsErrorKind.InvalidValue), "-----BEGIN " + "PRIVATE KEY----- block")]
    [InlineData("{'api':{'remote':{'client-ca':'hello'}}}", "settings.api.remote.client-ca", nameof(SettingsErrorKind.InvalidValue), "-----BEGIN CERTIFICATE----- block")]
    [InlineData("{'api':{'remote':{'enabled':'on'}}}", "settings.api.remote.enabled", nameof(SettingsErrorKind.WrongType), "expected a boolean")]
    [InlineData("{'api':{'local':{}}}", "settings.api.local", nameof(SettingsErrorKind.UnknownKey), "known under settings.api: remote")]
    // top level
    [InlineData("{'unknown':1}", "settings.unknown", nameof(SettingsErrorKind.UnknownKey), "unknown setting (known under settings: api, boot,")]
    [InlineData("{'a.b':1}", "settings.\"a.b\"", nameof(SettingsErrorKind.UnknownKey), "unknown setting")]
    public void Validate_InvalidPatch_NamesKeyAndRule(string patch, string key, string kind, string rule)
    {
        var errors = SettingsValidator.Validate(SettingsSamples.Json(patch));

        var error = errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(key);
        error.Kind.ToString().ShouldBe(kind);
        error.Message.ShouldStartWith(key + ": ");
        error.Message.ShouldContain(rule);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsAllSortedByKey()
    {
        var patch = SettingsSamples.Json("{'updates':{'seed':5000},'motd':1,'network':{'hostname':'a b','hosts':[['x',['a']],['1.2.3.4',['b c']]]},'zzz':true}");

        var errors = SettingsValidator.Validate(patch);

        errors.Select(e => e.Key).ShouldBe([
            "settings.motd",
            "settings.network.hostname",
            "settings.network.hosts",
            "settings.network.hosts",
            "settings.updates.seed",
            "settings.zzz",
        ]);
        errors.Where(e => e.Key == "settings.network.hosts").Select(e => e.Message).ShouldBe([
            "settings.network.hosts: item 0: \"x\" is not an IP address",
            "settings.network.hosts: item 1: item 0: \"b c\" is not a valid hostname (RFC 1123: letters, digits and '-', labels of 1-63 characters, 253 in all)",
        ]);
    }

    [Fact]
    public void Validate_HostnameWithSpace_MessageMatchesTheDocumentedForm()
    {
        var error = SettingsValidator.Validate(SettingsSamples.Json("{'network':{'hostname':'my host'}}")).ShouldHaveSingleItem();

        error.Message.ShouldBe("settings.network.hostname: \"my host\" is not a valid hostname (RFC 1123: letters, digits and '-', labels of 1-63 characters, 253 in all)");
    }

    [Fact]
    public void Validate_LongValue_IsCutInTheMessage()
    {
        var error = SettingsValidator.Validate(SettingsSamples.Json("{'network':{'hostname':'{LONG}'}}")).ShouldHaveSingleItem();

        error.Message.Length.ShouldBeLessThan(300);
        error.Message.ShouldContain("…");
    }
}
