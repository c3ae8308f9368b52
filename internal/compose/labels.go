package compose

import "strings"

// word is the printed word of a labels key (templates/libelles.yaml): no
// label of the contract is written in Go, so that a territory changes any.
func (k *composer) word(key string) string {
	return k.c.Labels.Get(key)
}

// words is the printed word of key with its {placeholders} filled from
// name/value pairs.
func (k *composer) words(key string, pairs ...string) string {
	return k.c.Labels.Format(key, pairs...)
}

// spacedLabel fills key's {name} with value after French spacing of the
// label alone: the label's « : » gets its no-break space, value (data, set
// later by Markdown) is left as typed.
func (k *composer) spacedLabel(key, name, value string, pairs ...string) string {
	const hole = "\x00"
	s := frenchSpaces(k.words(key, append(pairs, name, hole)...))
	return strings.ReplaceAll(s, hole, value)
}

// countKey picks the labels key of a count: one for none or one, as French
// says « 1 membre », « 0 groupe », many otherwise. Both keys are written
// out at the call, so that the keys test finds them.
func countKey(n int, one, many string) string {
	if n <= 1 {
		return one
	}
	return many
}
