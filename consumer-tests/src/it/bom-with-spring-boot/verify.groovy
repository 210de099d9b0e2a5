// After the consumer build: Spring Boot's BOM, imported first, wins for what it manages (Gson among
// the Google libraries); ssosync-bom must still decide the Google client stack, Guava, gRPC context,
// the AWS SDK and the SCIM SDK, which Spring Boot does not manage. testedDependencies is set in
// consumer-tests/pom.xml.
static Map<String, String> versions(File list) {
  Map<String, String> out = new TreeMap<>()
  list.eachLine { line ->
    def coords = line.trim().split(' -- ')[0].split(':')
    if (coords.length >= 5) { // group:artifact:type[:classifier]:version:scope
      out[coords[0..-3].join(':')] = coords[-2]
    }
  }
  return out
}

def tested = versions(new File(testedDependencies))
def resolved = versions(new File(basedir, 'target/resolved-dependencies.txt'))
assert resolved.keySet().any { it.startsWith('org.springframework.boot:spring-boot:') }

def ours = ~/(com\.google\.(?!code\.gson).*|io\.grpc|software\.amazon\..*|com\.unboundid\..*|io\.github\.ssosync):.*/
def differing = resolved.findAll { k, v -> k ==~ ours && tested.containsKey(k) && tested[k] != v }
  .collect { k, v -> "${k}: consumer ${v}, tested ${tested[k]}" }
assert differing.isEmpty() : "next to Spring Boot, Google/AWS versions drift from the tested ones:\n" + differing.join('\n')

def backends = resolved.keySet().findAll { it ==~ loggingBackends }
assert backends == ['ch.qos.logback:logback-classic:jar'] as Set : "logging backends: ${backends}"

def springs = resolved.findAll { k, v -> tested.containsKey(k) && tested[k] != v }
  .collect { k, v -> "${k} ${tested[k]} -> ${v}" }
println "bom-with-spring-boot: Spring Boot's versions where it manages the library:\n  " + springs.join('\n  ')
return true
