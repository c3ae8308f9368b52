package compose

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"time"
)

// A template is a program: {{ range 100000000000 }} never ends, a
// {{ template }} that calls itself twice doubles its work at each level,
// and a loop with text inside fills memory. Each execution therefore gets
// a budget, and running out of it is an error located in the template.
// The limits are far above what a contract needs: the shipped templates
// repeat a loop at most a few dozen times, call no {{ template }}, and
// produce 11 KB at most (93 KB for the 51 of the Lisieux contract).
var (
	// maxIterations bounds the repetitions of all {{ range }} of one
	// template together: nested loops multiply, and add up.
	maxIterations = 100_000
	// maxCalls bounds the {{ template }} calls of one execution: 2 000
	// calls of a template calling itself take about 20 ms, text/template's
	// own limit (100 000 deep) several seconds and hundreds of MB of stack.
	maxCalls = 2_000
	// maxOutput bounds the text one template produces, in bytes: 1 MB is
	// about 220 pages of text, a hundred times the longest shipped template.
	// The page guard of the layout bounds what many templates add up to.
	maxOutput = 1 << 20
	// maxDuration is the last resort, for what the other bounds miss.
	maxDuration = 5 * time.Second
)

// boundFunc is the function the rewritten tree calls before each loop and
// each {{ template }}; its name cannot clash with a function of cls.
const boundFunc = "clsBorne"

// budget is what one execution may still spend.
type budget struct {
	t          *template.Template
	nodes      []parse.Node // the {{ range }} and {{ template }} nodes, by index
	iterations int
	calls      int
	out        bytes.Buffer
	stop       atomic.Bool // set when the execution is abandoned
	err        *boundError // the first bound crossed
}

// boundError is a bound crossed, with the template line it was crossed at
// (0 when no line applies, as for the output's size).
type boundError struct {
	line int
	msg  string
}

func (e *boundError) Error() string { return e.msg }

var errAbandoned = errors.New("exécution abandonnée")

// fail records the first bound crossed and returns it, to stop execution.
func (b *budget) fail(n parse.Node, format string, args ...any) error {
	if b.err == nil {
		b.err = &boundError{line: nodeLine(b.t, n), msg: fmt.Sprintf(format, args...)}
	}
	return b.err
}

// Write collects the output up to maxOutput bytes.
func (b *budget) Write(p []byte) (int, error) {
	if b.stop.Load() {
		return 0, errAbandoned
	}
	if b.out.Len()+len(p) > maxOutput {
		return 0, b.fail(nil, "texte produit trop long (plus de %d Mo) ; attendu au plus %d Mo par modèle : une boucle {{ range }} ou un {{ template }} répète-t-il trop de texte ?", maxOutput>>20, maxOutput>>20)
	}
	return b.out.Write(p)
}

// charge is called with the index of a rewritten node and, for a
// {{ range }}, the value it is about to loop over, which it returns
// unchanged. A {{ template }} without an argument passes no value.
func (b *budget) charge(i int, v ...reflect.Value) (reflect.Value, error) {
	if b.stop.Load() {
		return reflect.Value{}, errAbandoned
	}
	if i < 0 || i >= len(b.nodes) {
		return reflect.Value{}, fmt.Errorf("fonction réservée à cls")
	}
	var val reflect.Value
	if len(v) > 0 {
		val = v[0]
	}
	switch n := b.nodes[i].(type) {
	case *parse.TemplateNode:
		b.calls++
		if b.calls > maxCalls {
			return val, b.fail(n, "trop d'appels de modèles (plus de %d {{ template }} exécutés, le dernier vers « %s » : un modèle qui s'appelle lui-même ?) ; attendu au plus %d appels dans un modèle", maxCalls, n.Name, maxCalls)
		}
	case *parse.RangeNode:
		count := length(val)
		if count > uint64(maxIterations) {
			return val, b.fail(n, "boucle trop longue ({{ range }} sur %d éléments) ; attendu au plus %d répétitions dans un modèle", count, maxIterations)
		}
		b.iterations += int(count)
		if b.iterations > maxIterations {
			return val, b.fail(n, "boucles trop longues (ce {{ range }} sur %d éléments porte le total du modèle à %d répétitions, boucles imbriquées ?) ; attendu au plus %d répétitions dans un modèle", count, b.iterations, maxIterations)
		}
	}
	return val, nil
}

// length is how many times {{ range }} will loop over v: its length, or
// the number itself for {{ range 10 }}.
func length(v reflect.Value) uint64 {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && !v.IsNil() {
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Array, reflect.Slice, reflect.Map, reflect.String, reflect.Chan:
		return uint64(v.Len())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() < 0 {
			return 0
		}
		return uint64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint()
	}
	return 1
}

// bound rewrites every tree of t so that each {{ range }} passes the value
// it loops over through the budget, and each {{ template }} is counted:
// {{ range X }} runs as {{ range X | clsBorne N }}.
func (b *budget) bound(t *template.Template) {
	b.t = t
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			b.walk(tt.Tree, tt.Tree.Root)
		}
	}
}

func (b *budget) walk(tr *parse.Tree, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			b.walk(tr, c)
		}
	case *parse.IfNode:
		b.walk(tr, n.List)
		b.walk(tr, n.ElseList)
	case *parse.WithNode:
		b.walk(tr, n.List)
		b.walk(tr, n.ElseList)
	case *parse.RangeNode:
		n.Pipe.Cmds = append(n.Pipe.Cmds, b.command(tr, n))
		b.walk(tr, n.List)
		b.walk(tr, n.ElseList)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			n.Pipe = &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Pos, Line: n.Line}
		}
		n.Pipe.Cmds = append(n.Pipe.Cmds, b.command(tr, n))
	}
}

// command builds « clsBorne N » for node n, N its index in b.nodes.
func (b *budget) command(tr *parse.Tree, n parse.Node) *parse.CommandNode {
	i := len(b.nodes)
	b.nodes = append(b.nodes, n)
	num := &parse.NumberNode{NodeType: parse.NodeNumber, Pos: n.Position(), IsInt: true, Int64: int64(i), Text: strconv.Itoa(i)}
	id := parse.NewIdentifier(boundFunc).SetTree(tr).SetPos(n.Position())
	return &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Position(), Args: []parse.Node{id, num}}
}

var contextLine = regexp.MustCompile(`:(\d+):\d+$`)

// nodeLine is the line of n in its template's file, or 0.
func nodeLine(t *template.Template, n parse.Node) int {
	if n == nil || t == nil || t.Tree == nil {
		return 0
	}
	loc, _ := t.ErrorContext(n)
	if m := contextLine.FindStringSubmatch(loc); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line
	}
	return 0
}

// run executes t over data within the budget and maxDuration. Past the
// deadline the execution is abandoned: it stops at its next loop, call or
// write, and its output is discarded.
func (b *budget) run(t *template.Template, data any) (string, error) {
	done := make(chan error, 1)
	go func() { done <- t.Execute(b, data) }()
	timer := time.NewTimer(maxDuration)
	defer timer.Stop()
	select {
	case err := <-done:
		if b.err != nil {
			return "", b.err
		}
		if err != nil {
			return "", err
		}
		return b.out.String(), nil
	case <-timer.C:
		b.stop.Store(true)
		return "", &boundError{msg: fmt.Sprintf("exécution trop longue (plus de %s) ; attendu un modèle qui se termine : une boucle {{ range }} ou un {{ template }} sans fin ?", frenchDuration(maxDuration))}
	}
}

func frenchDuration(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%d s", int(d/time.Second))
	}
	return fmt.Sprintf("%d ms", int(d/time.Millisecond))
}
