#!/usr/bin/perl
# Writes the risk tests' two small location databases into the directory given, with MaxMind's own
# writer (Debian's libmaxmind-db-writer-perl), never by hand:
#   test-city.mmdb  GeoIP2-City shaped: country iso_code and names, city names, location
#   test-asn.mmdb   GeoLite2-ASN shaped: autonomous_system_number and _organization
# The networks are the documentation ranges (RFC 5737, RFC 3849), so reserved networks are kept.
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $dir = shift or die "usage: $0 DIRECTORY\n";

my %city_types = (
    city => 'map', country => 'map', location => 'map', names => 'map',
    iso_code => 'utf8_string', en => 'utf8_string', geoname_id => 'uint32',
    latitude => 'double', longitude => 'double', accuracy_radius => 'uint16', time_zone => 'utf8_string',
);

sub place {
    my ($country, $country_name, $city, $latitude, $longitude) = @_;
    my %place = (
        country  => { iso_code => $country, names => { en => $country_name } },
        location => { latitude => $latitude, longitude => $longitude, accuracy_radius => 20 },
    );
    $place{city} = { names => { en => $city } } if defined $city;
    return \%place;
}

my %cities = (
    '203.0.113.0/24'  => place('DE', 'Germany', 'Frankfurt am Main', 50.1109, 8.6821),
    '198.51.100.0/24' => place('JP', 'Japan', 'Tokyo', 35.6762, 139.6503),
    '192.0.2.0/25'    => place('DE', 'Germany', 'Berlin', 52.5200, 13.4050),
    '192.0.2.128/25'  => place('DE', 'Germany', undef, 51.1657, 10.4515),
    '2001:db8:1::/48' => place('FR', 'France', 'Paris', 48.8566, 2.3522),
);

my %asns = (
    '203.0.113.0/24'  => { autonomous_system_number => 64500, autonomous_system_organization => 'Example Carrier' },
    '198.51.100.0/24' => { autonomous_system_number => 64501, autonomous_system_organization => 'Example Telecom' },
    '2001:db8:1::/48' => { autonomous_system_number => 64502, autonomous_system_organization => 'Example Fibre' },
);

sub write_database {
    my ($file, $type, $types, $networks) = @_;
    my $tree = MaxMind::DB::Writer::Tree->new(
        ip_version => 6, record_size => 28, database_type => $type, languages => ['en'],
        description => { en => 'Biometric Core risk tests' }, map_key_type_callback => sub { $types->{ $_[0] } },
        remove_reserved_networks => 0, alias_ipv6_to_ipv4 => 1,
    );
    $tree->insert_network($_, $networks->{$_}) for sort keys %$networks;
    open my $fh, '>:raw', "$dir/$file" or die "cannot write $dir/$file: $!\n";
    $tree->write_tree($fh);
    close $fh or die "cannot close $dir/$file: $!\n";
}

write_database('test-city.mmdb', 'GeoIP2-City', \%city_types, \%cities);
write_database('test-asn.mmdb', 'GeoLite2-ASN',
    { autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string' }, \%asns);
