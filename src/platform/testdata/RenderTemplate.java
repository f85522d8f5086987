// Renders a Zeppelin interpreter template with Jinjava, the engine Zeppelin's
// Kubernetes launcher renders k8s/interpreter/*.yaml with, from the bindings
// the launcher gives it: dotted property names ("zeppelin.k8s.interpreter.namespace")
// become nested maps, as the launcher's template class arranges them.
//
// java -cp '<jinjava jars>/*' RenderTemplate.java <template> <bindings.json>
// prints the rendered text on stdout.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.RenderResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

public class RenderTemplate {
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> root, String dotted, Object value) {
    String[] parts = dotted.split("\\.");
    Map<String, Object> at = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = at.get(parts[i]);
      if (!(next instanceof Map)) {
        next = new HashMap<String, Object>();
        at.put(parts[i], next);
      }
      at = (Map<String, Object>) next;
    }
    at.put(parts[parts.length - 1], value);
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    String template = Files.readString(Path.of(args[0]));
    Map<String, Object> flat = new ObjectMapper().readValue(Files.readString(Path.of(args[1])), Map.class);
    Map<String, Object> bindings = new HashMap<>();
    for (Map.Entry<String, Object> e : flat.entrySet()) put(bindings, e.getKey(), e.getValue());
    RenderResult r = new Jinjava().renderForResult(template, bindings);
    if (!r.getErrors().isEmpty()) {
      System.err.println(r.getErrors());
      System.exit(1);
    }
    System.out.print(r.getOutput());
  }
}
