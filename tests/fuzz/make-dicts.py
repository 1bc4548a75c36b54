#!/usr/bin/env python3
"""make-dicts.py: remakes dict/*.dict, libFuzzer's dictionaries, from the
sources they name (the schemas, scenario.sh's keys, the input file's
groups and keys in ininjo-delegation(5)). Run by hand from tests/fuzz; the results are committed."""
import re


def q(token):
    out = ""
    for b in token if isinstance(token, bytes) else token.encode("utf-8"):
        c = chr(b)
        out += c if 0x20 <= b < 0x7f and c not in '\\"' else "\\x%02X" % b
    return '"' + out + '"'


def write(name, head, tokens):
    seen = []
    for t in tokens:
        if t not in seen:
            seen.append(t)
    with open("dict/%s.dict" % name, "w") as f:
        f.write("# %s (tests/fuzz/make-dicts.py)\n" % head)
        f.writelines(q(t) + "\n" for t in seen)


json_tokens = ['{', '}', '[', ']', ':', ',', 'null', 'true', 'false', '""', '0', '-1', '1.5e400',
               '\\u0000', '\\ud800', '\\udc00', '\\202', '\\"', '\\\\', '\\n']

names = []
for xsd in ['../../data/ininjo-delegation-1.xsd', '../../data/ininjo-agent-submission-1.xsd']:
    names += re.findall(r'name="([A-Za-z]+)"', open(xsd, encoding="utf-8").read())
xml_tokens = ['<', '>', '</', '/>', '="', '<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE',
              '<!ENTITY', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '&amp;', '&lt;', '&#x', '&#',
              'xmlns=', 'xmlns:x="relative/ns"', 'xmlns:ds=', 'urn:ininjo:delegation:1',
              'urn:ininjo:agent-submission:1', 'schemaVersion="1.0"', 'schemaVersion="1.1"',
              'allowed', 'not-allowed',
              'http://www.w3.org/2000/09/xmldsig#', 'http://www.w3.org/2001/10/xml-exc-c14n#',
              'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
              'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
              'http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2000/09/xmldsig#sha1',
              'URI=""', 'Algorithm=', 'ds:Signature', 'ds:SignedInfo', 'ds:Reference', 'ds:KeyInfo',
              'ds:X509Data', 'ds:X509Certificate', 'ds:SignatureValue', 'ds:DigestValue', '+09:00',
              'T00:00:00', '2026-12-07', '\u3000', '\u202e', '\r\n'] + sorted(set(names))
for target, what in [('fuzz-delegation-xml', 'the delegation'), ('fuzz-verify-delegation', 'the delegation'),
                     ('fuzz-verify-submission', "the agent's submission")]:
    write(target, "XML of %s (names from data/*.xsd), XMLDSig" % what, xml_tokens)

answer_words = ['name', 'policyUrl', 'policyOid', 'validityUrl', 'apiVersion', '1.0', '2.0', 'receipt',
                'status', 'delegationId', 'receivedAt', 'record', 'received', 'stored', 'rejected',
                'reason', 'items', 'active', 'retired', 'expired', 'unknown', 'delegation',
                'agentSubmission', 'agent', 'checkedAt', 'start', 'end', 'storedAt', 'supersedes',
                'supersededBy', 'type', 'title', 'detail', 'instance',
                'urn:ininjo:problem:client-certificate', 'urn:ininjo:problem:invalid-delegation',
                'about:blank', 'R-7Q2K4M9X3B5N8P6W', '3f825729-8303-4cb1-84c2-9e892af40988', '<html>',
                'nginx', 'The SSL certificate error', 'No required SSL certificate was sent',
                '413 Request Entity Too Large']
write('fuzz-service-answer', 'JSON of the service API, problem details, nginx pages',
      json_tokens + ['"%s"' % k for k in answer_words] + answer_words)

diagnostics_words = ['cards', 'readers', 'reader', 'atr', 'kind', 'pins', 'sign', 'auth', 'tries_left',
                     'locked', 'certificates', 'valid_now', 'service', 'tls', 'failure',
                     'server_certificate_verified', 'server_certificate_problem',
                     'client_certificate_accepted', 'client_key', 'tcp', 'ok', 'last_error', 'reason',
                     'step', 'file', 'card', 'yes', 'no', 'wrong-host', 'unknown-ca', 'wrong-pin',
                     'sign-locked', 'auth-locked', 'certificate-expired', 'card-removed', 'unreachable',
                     'server-certificate', 'client-certificate', 'tls13-with-card', 'rejected',
                     'profile', 'upload', 'JPKIAPICCTOKEN2', '3BE000FF8131FE4514']
write('fuzz-diagnostics', 'JSON of diagnostics.json as bundle-to-scenario reads it',
      json_tokens + ['"%s"' % k for k in diagnostics_words] + diagnostics_words
      + ['\\n[service]\\ndown = true'])

scenario = ['[scenario]', '[card]', '[agent]', '[service]', '[front-end]', '[client]', '[expect]',
            '[expect-card]', ' = ', '=', '#', '\n', ';', 'true', 'false']
for line in open('../bed/scenario.sh', encoding="utf-8"):
    m = re.match(r'\s*\[([a-z-]+)\]="([^"]*)"', line)
    if m:
        scenario += m.group(2).split()
scenario += ['sign', 'auth', '63C0', '6984', '6983', 'clears', 'keeps', 'present', 'absent',
             'unknown-ca', 'wrong-host', 'nginx', 'none', 'file', 'card', 'untrusted-file', 'bed',
             'right', 'wrong', 'profile', 'upload', '0', '5', '3', '413', '10k']
write('fuzz-scenario', 'groups, keys and values of tests/bed/scenario.sh', scenario)

words = ['[principal]', '[agent]', '[authority]', '[delegation]', ' = ', '=', '#', '\n', '\\n', '\\s',
         '\\\\', 'corporation', 'sole-proprietor', 'today', 'today+1y', 'today+30d', 'today+6m', '税理士',
         '弁護士', '司法書士', '行政書士', '社会保険労務士', '公認会計士', '弁理士', '土地家屋調査士', '\u3000', '０',
         '\u202e', '令和', '平成', '昭和', '2026-04-01', '2027-03-31T23:59:59+09:00', '可', '不可']
# ininjo-delegation(5), section INPUT FILE: groups are .SS "[group]", keys and
# values .B key or .BR key ", " key
section = None
for line in open('../../data/man/ininjo-delegation.5', encoding="utf-8"):
    line = line.rstrip('\n')
    if line.startswith('.SH '):
        section = line[4:]
    if section != 'INPUT FILE':
        continue
    m = re.match(r'\.SS "\[([a-z-]+)\]"$', line) or \
        re.match(r'\.BR? ([a-z\\-]+)(?: ", " ([a-z\\-]+))?$', line)
    if m:
        words += [x.replace('\\-', '-') for x in m.groups() if x]
write('fuzz-input', 'groups, keys and values of the input file (ininjo-delegation(5), data/examples)',
      words)

request = ['GET ', 'POST ', 'PUT ', '/api/v1/', '/api/v1/profile', '/api/v1/delegations',
           '/api/v1/receipts/', '/api/v1/validity/', '/renewal', '//', '/../', b'\xff',
           'Idempotency-Key: ', 'Content-Type: application/json', 'Content-Type: text/plain', '\n\n',
           '"delegation":', '"agentSubmission":', '==', '=', '+', '/', 'R-7Q2K4M9X3B5N8P6W',
           '3f825729-8303-4cb1-84c2-9e892af40988', '5f0c6a52-3d52-4c1e-9d0e-6d1f7e2b8a11']
write('fuzz-service-request', 'request lines, headers and JSON of the service API', request + json_tokens)

write('fuzz-certificate', 'DER pieces: extensions, the JPKI otherName OIDs, times, strings',
      [b'\x06\x03\x55\x1d\x11', b'\x06\x03\x55\x1d\x0f', b'\x06\x03\x55\x1d\x20',
       b'\x06\x0a\x2a\x83\x08\x8c\x9b\x55\x08\x05\x05\x01', b'\x17\x0d', b'\x18\x0f', b'99991231235960Z',
       b'19500101000000Z', b'20500101000000Z', b'\x0c\x00', b'\x0c\x03' + '試'.encode(), b'\xa0', b'\x30\x82',
       b'\x13\x02JP'])
