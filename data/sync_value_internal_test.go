package data

import (
	"bytes"
	"encoding/json"
	"testing"
)

// decodeValue's quick paths read every value as the JSON decoder does.
func TestDecodeValueAgreesWithTheDecoder(t *testing.T) {
	reference := func(s string) (any, error) {
		d := json.NewDecoder(bytes.NewReader([]byte(s)))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return nil, err
		}
		if d.More() {
			return nil, errTrailing
		}
		switch x := v.(type) {
		case nil, string:
			return x, nil
		case json.Number:
			return x.Int64()
		}
		return nil, errTrailing
	}
	for _, s := range []string{`"plain"`, `""`, `"é à"`, `"a\"b"`, `"tab\there"`, "\"\xff\"", `"\u00e9"`, `null`, `0`, `-0`, `12`,
		`-12`, `01`, `+1`, `-`, `1e3`, `9223372036854775807`, `9223372036854775808`, `"x"y"`, `true`, `[1]`, `"`, ``, ` 1`, `"a"  `} {
		got, gerr := decodeValue(s)
		want, werr := reference(s)
		if (gerr == nil) != (werr == nil) || got != want {
			t.Errorf("%q: got %#v, %v; the decoder reads %#v, %v", s, got, gerr, want, werr)
		}
	}
}

var errTrailing = json.Unmarshal([]byte("x"), new(any))
