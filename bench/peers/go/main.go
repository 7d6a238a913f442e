// Command go peer for `fleetsh bench`: drives golang.org/x/crypto/ssh (Debian's
// golang-golang-x-crypto-dev, built offline in GOPATH mode) through the workloads of
// bench/peers/README.md and prints one JSON line.
//
//	go-peer --targets targets.json --workload sessions|commands|channels|bulk --concurrency N
//	        --command "uname -a" [--commands-per-connection 20]
//	        [--channels-per-connection 10] [--timeout 30]
//
// Concurrency: one goroutine per host, at most N of them past a semaphore at once.
// Output is counted as it arrives and never kept, in every workload (bulk is sessions with
// a large output).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Set by build.sh (-ldflags -X) from the Debian package's version.
var cryptoVersion = "unknown"

const usageExit = 2

type host struct {
	Name string `json:"name"`
	Host string `json:"host"`
	Port int    `json:"port"`
}

type targets struct {
	User       string `json:"user"`
	Key        string `json:"key"`
	KnownHosts string `json:"known_hosts"`
	Hosts      []host `json:"hosts"`
}

type settings struct {
	workload string
	command  string
	commands int // commands workload: one after another
	channels int // channels workload: at once
	timeout  time.Duration
}

// What one host's run produced.
type outcome struct {
	errClass string
	errText  string
	commands uint64
	bytes    uint64
}

// The first failure of a host wins; later ones only add to the log.
func (o *outcome) fail(class string, err error) {
	if o.errClass == "" {
		o.errClass = class
		if err != nil {
			o.errText = err.Error()
		}
	}
}

type counter struct{ n uint64 }

func (c *counter) Write(p []byte) (int, error) {
	atomic.AddUint64(&c.n, uint64(len(p)))
	return len(p), nil
}

// dialError names a failed TCP connect with fleetsh's classes.
func dialError(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "connect_timeout"
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection_refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection_reset"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "unreachable"
	case errors.Is(err, syscall.ETIMEDOUT):
		return "connect_timeout"
	}
	return "connection_refused"
}

// handshakeError names a failed key exchange or authentication. x/crypto 0.4.0 formats the
// cause into the text ("ssh: handshake failed: %v"), so types are lost: host key failures are
// recorded by our callback, deadlines by the caller, the rest by text.
func handshakeError(err error, hostKeyErr error, pastDeadline bool) string {
	if hostKeyErr != nil {
		var ke *knownhosts.KeyError
		if errors.As(hostKeyErr, &ke) && len(ke.Want) > 0 {
			return "host_key_mismatch"
		}
		var re *knownhosts.RevokedError
		if errors.As(hostKeyErr, &re) {
			return "host_key_mismatch"
		}
		return "unknown_host_key"
	}
	text := err.Error()
	switch {
	case pastDeadline || strings.Contains(text, "i/o timeout"):
		return "connect_timeout"
	case strings.Contains(text, "unable to authenticate"):
		return "auth_failed"
	case strings.Contains(text, "no common algorithm"):
		return "no_common_algorithm"
	case strings.Contains(text, "connection reset"):
		return "connection_reset"
	case strings.Contains(text, "EOF"), strings.Contains(text, "disconnect"),
		strings.Contains(text, "broken pipe"):
		return "disconnected"
	}
	return "protocol_error"
}

// connect dials, exchanges keys and authenticates within the timeout.
func connect(h host, base *ssh.ClientConfig, hostKeys ssh.HostKeyCallback,
	timeout time.Duration, o *outcome) *ssh.Client {
	addr := net.JoinHostPort(h.Host, fmt.Sprint(h.Port))
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		o.fail(dialError(err), err)
		return nil
	}
	var hostKeyErr error
	cfg := *base
	cfg.HostKeyCallback = func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		err := hostKeys(hostname, remote, key)
		if err != nil {
			hostKeyErr = err
		}
		return err
	}
	deadline := time.Now().Add(timeout)
	conn.SetDeadline(deadline)
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, &cfg)
	if err != nil {
		conn.Close()
		o.fail(handshakeError(err, hostKeyErr, !time.Now().Before(deadline)), err)
		return nil
	}
	conn.SetDeadline(time.Time{})
	return ssh.NewClient(c, chans, reqs)
}

// run runs one command on its own channel within the timeout. On a timeout the connection
// is closed (the channel's Wait would otherwise block), which ends the host's run.
func run(c *ssh.Client, s *settings, o *outcome, mu *sync.Mutex) {
	sess, err := c.NewSession()
	if err != nil {
		mu.Lock()
		var oce *ssh.OpenChannelError
		if errors.As(err, &oce) {
			o.fail("channel_open_failed", err)
		} else {
			o.fail("disconnected", err)
		}
		mu.Unlock()
		return
	}
	defer sess.Close()
	var out counter
	sess.Stdout = &out
	sess.Stderr = &out
	done := make(chan error, 1)
	go func() { done <- sess.Run(s.command) }()
	timer := time.NewTimer(s.timeout)
	defer timer.Stop()
	select {
	case err = <-done:
	case <-timer.C:
		// Recorded before the close, so the other channels' failures it causes come second.
		mu.Lock()
		o.fail("command_timeout", fmt.Errorf("command timed out after %v", s.timeout))
		mu.Unlock()
		c.Close()
		<-done
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if err != nil {
		var ee *ssh.ExitError
		var me *ssh.ExitMissingError
		switch {
		case errors.As(err, &ee):
			o.fail("device_error", err)
		case errors.As(err, &me), errors.Is(err, io.EOF):
			o.fail("disconnected", err)
		default:
			o.fail("protocol_error", err)
		}
		return
	}
	o.commands++
	o.bytes += atomic.LoadUint64(&out.n)
}

func runHost(h host, base *ssh.ClientConfig, hostKeys ssh.HostKeyCallback, s *settings) outcome {
	var o outcome
	var mu sync.Mutex
	c := connect(h, base, hostKeys, s.timeout, &o)
	if c == nil {
		return o
	}
	defer c.Close()
	switch s.workload {
	case "sessions", "bulk":
		run(c, s, &o, &mu)
	case "commands":
		for i := 0; i < s.commands && o.errClass == ""; i++ {
			run(c, s, &o, &mu)
		}
	case "channels":
		var wg sync.WaitGroup
		for i := 0; i < s.channels; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				run(c, s, &o, &mu)
			}()
		}
		wg.Wait()
	}
	return o
}

// Output received per second of wall clock, in 10^6 bytes, as fleetsh bench reports it.
func megabytesPerSecond(bytes uint64, wall float64) float64 {
	if wall <= 0 {
		return 0
	}
	return float64(bytes) / 1e6 / wall
}

func cpuSeconds() float64 {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(u.Utime) + tv(u.Stime)
}

func peakRSSKiB() int64 {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return int64(u.Maxrss) // KiB on Linux
}

func usage(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "go-peer: "+format+"\n", args...)
	os.Exit(usageExit)
}

func round(x float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	if x < 0 {
		return -float64(int64(-x*p+0.5)) / p
	}
	return float64(int64(x*p+0.5)) / p
}

func main() {
	fs := flag.NewFlagSet("go-peer", flag.ContinueOnError)
	targetsPath := fs.String("targets", "", "targets.json")
	workload := fs.String("workload", "", "sessions, commands, channels or bulk")
	concurrency := fs.Int("concurrency", 0, "hosts in progress at once")
	command := fs.String("command", "", "the command each workload runs")
	commands := fs.Int("commands-per-connection", 20, "commands workload: one after another")
	channels := fs.Int("channels-per-connection", 10, "channels workload: at once")
	timeout := fs.Float64("timeout", 30, "seconds per command and per connection attempt")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(usageExit)
	}
	if fs.NArg() > 0 {
		usage("unexpected argument %q", fs.Arg(0))
	}
	if *targetsPath == "" || *command == "" || *concurrency < 1 {
		usage("--targets, --command and --concurrency N (N >= 1) are required")
	}
	switch *workload {
	case "sessions", "commands", "channels", "bulk":
	default:
		usage("--workload must be sessions, commands, channels or bulk, not %q", *workload)
	}
	if *commands < 1 || *channels < 1 || *timeout <= 0 {
		usage("--commands-per-connection, --channels-per-connection and --timeout must be positive")
	}

	raw, err := os.ReadFile(*targetsPath)
	if err != nil {
		usage("%v", err)
	}
	var t targets
	if err := json.Unmarshal(raw, &t); err != nil {
		usage("%s: %v", *targetsPath, err)
	}
	if t.User == "" || t.Key == "" || t.KnownHosts == "" {
		usage("%s: user, key and known_hosts are required", *targetsPath)
	}
	keyPEM, err := os.ReadFile(t.Key)
	if err != nil {
		usage("%v", err)
	}
	signer, err := ssh.ParsePrivateKey(keyPEM)
	if err != nil {
		usage("%s: %v", t.Key, err)
	}
	hostKeys, err := knownhosts.New(t.KnownHosts)
	if err != nil {
		usage("%s: %v", t.KnownHosts, err)
	}
	s := &settings{
		workload: *workload,
		command:  *command,
		commands: *commands,
		channels: *channels,
		timeout:  time.Duration(*timeout * float64(time.Second)),
	}
	base := &ssh.ClientConfig{
		Config: ssh.Config{
			KeyExchanges: []string{"curve25519-sha256"},
		},
		User:              t.User,
		Auth:              []ssh.AuthMethod{ssh.PublicKeys(signer)},
		HostKeyCallback:   hostKeys, // replaced per connection by a recording wrapper
		HostKeyAlgorithms: []string{ssh.KeyAlgoED25519},
		Timeout:           s.timeout,
	}

	outcomes := make([]outcome, len(t.Hosts))
	sem := make(chan struct{}, *concurrency)
	var wg sync.WaitGroup
	cpuBefore := cpuSeconds()
	start := time.Now()
	for i := range t.Hosts {
		sem <- struct{}{}
		wg.Add(1)
		go func(i int) {
			defer func() { <-sem; wg.Done() }()
			outcomes[i] = runHost(t.Hosts[i], base, hostKeys, s)
		}(i)
	}
	wg.Wait()
	wall := time.Since(start).Seconds()
	cpu := cpuSeconds() - cpuBefore

	var ok, failed, cmds, bytes uint64
	errs := map[string]uint64{}
	for i, o := range outcomes {
		cmds += o.commands
		bytes += o.bytes
		if o.errClass == "" {
			ok++
			continue
		}
		failed++
		errs[o.errClass]++
		fmt.Fprintf(os.Stderr, "go-peer: %s: %s: %s\n", t.Hosts[i].Name, o.errClass, o.errText)
	}
	perSession := 0.0
	if ok > 0 {
		perSession = cpu * 1000 / float64(ok)
	}
	// Sorted error keys keep the line stable from run to run.
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var eb strings.Builder
	eb.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			eb.WriteString(", ")
		}
		kj, _ := json.Marshal(k)
		fmt.Fprintf(&eb, "%s: %d", kj, errs[k])
	}
	eb.WriteString("}")
	field := func(k string, v interface{}) string {
		vj, _ := json.Marshal(v)
		return fmt.Sprintf("%q: %s", k, vj)
	}
	parts := []string{
		field("tool", "go-x-crypto-ssh"),
		field("version", cryptoVersion+" ("+runtime.Version()+")"),
		field("workload", s.workload),
		field("concurrency", *concurrency),
		field("devices", len(t.Hosts)),
		field("ok", ok),
		field("failed", failed),
		field("commands", cmds),
		field("bytes", bytes),
		field("wall_s", round(wall, 4)),
		field("mb_per_s", round(megabytesPerSecond(bytes, wall), 3)),
		field("cpu_s", round(cpu, 4)),
		field("cpu_ms_per_session", round(perSession, 3)),
		field("peak_rss_kib", peakRSSKiB()),
		fmt.Sprintf("%q: %s", "errors", eb.String()),
	}
	fmt.Println("{" + strings.Join(parts, ", ") + "}")
}
