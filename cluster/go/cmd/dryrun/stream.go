package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// What kubectl's resource builder (cli-runtime) does with a file before anything is sent,
// reproduced so the fidelity suite compares the engine with what `kubectl create -f` sends:
//
//   - a UTF-8 BOM is dropped and UTF-16 (with a BOM) is decoded (FileVisitor's BOMOverride);
//   - content starting with '{' is a stream of JSON values, anything else YAML documents
//     (yaml.NewYAMLOrJSONDecoder); empty and null documents are skipped;
//   - an object with an "items" field is a list (unstructured.UnstructuredJSONScheme): its
//     items are sent one by one, an item without kind and apiVersion gets the list's
//     apiVersion and the list kind without its "List" suffix, and nested lists are
//     flattened too (FlattenListVisitor).

// doc is one non-empty document of a file: the JSON kubectl would send, the document as
// written with its content type (sent instead with -body yaml, so the server decodes it),
// or why it could not be converted.
type doc struct {
	json, raw []byte
	rawType   string
	err       error
}

func documents(data []byte) ([]doc, error) {
	decoded, err := io.ReadAll(transform.NewReader(bytes.NewReader(data), unicode.BOMOverride(unicode.UTF8.NewDecoder())))
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(bytes.TrimLeft(decoded, " \t\r\n"), []byte("{")) {
		return jsonDocuments(decoded), nil
	}
	return yamlDocuments(decoded)
}

func jsonDocuments(data []byte) []doc {
	var docs []doc
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			// kubectl stops at the first syntax error; so do we, reporting it once.
			return append(docs, doc{err: err})
		}
		trimmed := bytes.TrimSpace(raw)
		if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
			continue
		}
		// kubectl decodes JSON into an unstructured object and encodes it again, so a
		// duplicate key reaches the server only as its last value.
		encoded, err := reencode(trimmed)
		docs = append(docs, doc{json: encoded, raw: trimmed, rawType: "application/json", err: err})
	}
}

func yamlDocuments(data []byte) ([]doc, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs []doc
	for {
		text, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		} else if err != nil {
			// A line the reader cannot split on (`---foo`, `--- |`) ends the stream where it
			// stands, as it ends kubectl's: the documents before it were read, this one fails.
			return append(docs, doc{err: err}), nil
		}
		j, err := yaml.YAMLToJSON(text)
		if err != nil {
			docs = append(docs, doc{err: err})
			continue
		}
		if t := bytes.TrimSpace(j); len(t) == 0 || string(t) == "null" {
			continue // only whitespace/comments (e.g. after a trailing ---)
		}
		docs = append(docs, doc{json: j, raw: text, rawType: "application/yaml"})
	}
}

// objects sends one document, or each object of a list, and returns one result per object.
func (r *runner) objects(d doc) []result {
	if d.err != nil {
		return []result{decodeError(d.err.Error())}
	}
	items, isList, err := flatten(d.json)
	if err != nil {
		return []result{decodeError(err.Error())}
	}
	if !isList {
		return []result{r.send(d.json, d.raw, d.rawType)}
	}
	results := make([]result, 0, len(items))
	for i, item := range items {
		// List items are re-encoded by kubectl, so they go as JSON even with -body yaml.
		res := r.send(item, nil, "")
		n := i
		res.Item = &n
		results = append(results, res)
	}
	return results
}

// reencode decodes a JSON object the way kubectl does and encodes it again; a value that
// is not an object is left as it is for the server to reject.
func reencode(raw []byte) ([]byte, error) {
	if !bytes.HasPrefix(raw, []byte("{")) {
		return raw, nil
	}
	obj, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	return json.Marshal(obj)
}

func decodeError(message string) result {
	return result{Status: "decode-error", Message: message, Causes: []cause{}, Warnings: []string{}}
}

// flatten returns the items of a list document, JSON-encoded the way kubectl re-encodes them.
func flatten(data []byte) ([][]byte, bool, error) {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return nil, false, nil // not an object: sent as is, the server answers
	}
	if _, ok := top["items"]; !ok {
		return nil, false, nil
	}
	var list struct {
		APIVersion string            `json:"apiVersion"`
		Kind       string            `json:"kind"`
		Items      []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, true, err
	}
	if list.Kind == "" {
		return nil, true, fmt.Errorf("Object 'Kind' is missing in list")
	}
	queue := make([]map[string]interface{}, 0, len(list.Items))
	for _, raw := range list.Items {
		item, err := decodeObject(raw)
		if err != nil {
			return nil, true, err
		}
		_, hasKind := item["kind"].(string)
		_, hasVersion := item["apiVersion"].(string)
		if !hasKind && !hasVersion {
			item["kind"] = strings.TrimSuffix(list.Kind, "List")
			item["apiVersion"] = list.APIVersion
		}
		queue = append(queue, item)
	}
	return encodeFlat(queue)
}

// encodeFlat flattens nested lists breadth first, as FlattenListVisitor does, and encodes.
func encodeFlat(queue []map[string]interface{}) ([][]byte, bool, error) {
	var out [][]byte
	for i := 0; i < len(queue); i++ {
		item := queue[i]
		if nested, ok := item["items"].([]interface{}); ok {
			for _, child := range nested {
				m, ok := child.(map[string]interface{})
				if !ok {
					return nil, true, fmt.Errorf("items member is not an object: %T", child)
				}
				queue = append(queue, m)
			}
			continue
		}
		encoded, err := json.Marshal(item)
		if err != nil {
			return nil, true, err
		}
		out = append(out, encoded)
	}
	return out, true, nil
}

// decodeObject decodes like apimachinery's unstructured decoder: numbers become int64 when
// they are integers and float64 otherwise, and null decodes to an empty object.
func decodeObject(raw json.RawMessage) (map[string]interface{}, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	obj := map[string]interface{}{}
	if err := dec.Decode(&obj); err != nil {
		return nil, err
	}
	if obj == nil {
		obj = map[string]interface{}{}
	}
	return convertNumbers(obj).(map[string]interface{}), nil
}

func convertNumbers(v interface{}) interface{} {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	case map[string]interface{}:
		for k, x := range t {
			t[k] = convertNumbers(x)
		}
	case []interface{}:
		for i, x := range t {
			t[i] = convertNumbers(x)
		}
	}
	return v
}
